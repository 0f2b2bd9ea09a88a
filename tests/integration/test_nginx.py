"""Debian's nginx, with the project's own configuration (registry/nginx.conf), in front of gunicorn on loopback: the
registry checks who may have a file, and nginx sends the bytes through X-Accel-Redirect; /media/ and the internal
location answer 404."""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import DocumentFactory, EventFactory
from tests.services import IN_CI, needs_postgres

from .conftest import database_url_of_the_tests

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"

pytestmark = [
    needs_postgres,
    pytest.mark.skipif(not IN_CI and not Path(NGINX).exists(), reason="needs nginx: apt-get install nginx-light"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port} after {timeout} s")


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def media(tmp_path, settings):
    folder = tmp_path / "media"
    folder.mkdir()
    settings.MEDIA_ROOT = settings.SENDFILE_ROOT = str(folder)
    return folder


@pytest.fixture
def gunicorn(media):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": database_url_of_the_tests(),
        "MEDIA_ROOT": str(media),
        "SENDFILE_BACKEND": "django_sendfile.backends.nginx",
        "NUM_PROXIES": "1",
    }
    command = [sys.executable, "-m", "gunicorn", "registry.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    wait_for_port(port)
    yield port
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)


@pytest.fixture
def nginx(tmp_path, media, gunicorn):
    port = free_port()
    server = (ROOT / "registry" / "nginx.conf").read_text()
    for name, value in {
        "LISTEN": f"127.0.0.1:{port}",
        "UPSTREAM": f"127.0.0.1:{gunicorn}",
        "MEDIA_ROOT": media,
    }.items():
        server = server.replace("${" + name + "}", str(value))
    config = tmp_path / "nginx.conf"
    config.write_text(
        # As root in CI: the worker runs as root too, so it can read the test's private temporary folder.
        f"user root;\nworker_processes 1;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{\n  access_log off;\n  client_body_temp_path {tmp_path}/body;\n"
        f"  proxy_temp_path {tmp_path}/proxy;\n  fastcgi_temp_path {tmp_path}/fastcgi;\n"
        f"  uwsgi_temp_path {tmp_path}/uwsgi;\n  scgi_temp_path {tmp_path}/scgi;\n{server}\n}}\n"
    )
    process = subprocess.Popen([NGINX, "-c", str(config), "-p", str(tmp_path), "-g", "daemon off;"])
    wait_for_port(port)
    yield port
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_nginx_sends_the_bytes_of_a_file_the_registry_allowed(nginx, gunicorn, media):
    event = EventFactory()
    document = DocumentFactory(
        event=event, visibility="public", url="", file=SimpleUploadedFile("Final report.pdf", PDF)
    )
    hidden = DocumentFactory(event=event, visibility="staff", url="", file=SimpleUploadedFile("internal.pdf", PDF))

    status, headers, body = get(f"http://127.0.0.1:{nginx}{document.file.url}")
    assert (status, body) == (200, PDF)
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'inline; filename="Final report.pdf"'
    assert "X-Accel-Redirect" not in headers

    # gunicorn alone answers with the redirect nginx follows, and none of the bytes: nginx sent them above
    direct = http.client.HTTPConnection("127.0.0.1", gunicorn, timeout=10)
    direct.request("GET", document.file.url)
    answer = direct.getresponse()
    assert (answer.status, answer.getheader("X-Accel-Redirect")) == (200, f"/protected-files/{document.file.name}")
    with pytest.raises(http.client.IncompleteRead) as nothing:  # Content-Length is the file's, for nginx to send
        answer.read()
    assert nothing.value.partial == b""
    direct.close()

    assert get(f"http://127.0.0.1:{nginx}{hidden.file.url}")[0] == 404  # staff only: the registry refuses
    assert get(f"http://127.0.0.1:{nginx}/media/{document.file.name}")[0] == 404
    assert get(f"http://127.0.0.1:{nginx}/protected-files/{document.file.name}")[0] == 404
