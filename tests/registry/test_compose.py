"""Docker does not run on our machines, so the compose file is checked by reading it."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def load_compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_six_services():
    assert set(load_compose()["services"]) == {"postgres", "redis", "web", "worker", "beat", "nginx"}


def test_nginx_fronts_web_with_the_projects_configuration_and_read_only_media():
    services = load_compose()["services"]
    nginx = services["nginx"]
    assert "./registry/nginx.conf:/etc/nginx/templates/default.conf.template:ro" in nginx["volumes"]
    assert "media:/app/media:ro" in nginx["volumes"]
    assert nginx["environment"]["UPSTREAM"] == "web:8000"
    assert "ports" not in services["web"]  # only through nginx
    assert services["web"]["environment"]["SENDFILE_BACKEND"] == "django_sendfile.backends.nginx"


def test_web_worker_and_beat_share_one_image_built_from_the_dockerfile():
    services = load_compose()["services"]
    images = {services[name]["image"] for name in ("web", "worker", "beat")}
    assert len(images) == 1
    assert all(services[name]["build"] == "." for name in ("web", "worker", "beat"))
    assert (ROOT / "Dockerfile").exists()


def test_app_services_differ_only_in_their_command():
    services = load_compose()["services"]
    commands = {name: services[name].pop("command") for name in ("web", "worker", "beat")}
    assert services["web"] == services["worker"] == services["beat"]
    assert "migrate" in " ".join(commands["web"]) and "gunicorn" in " ".join(commands["web"])
    assert commands["worker"][:4] == ["celery", "-A", "registry", "worker"]
    assert commands["beat"][:4] == ["celery", "-A", "registry", "beat"]


def test_app_environment_points_at_the_compose_database_and_redis():
    env = load_compose()["services"]["web"]["environment"]
    assert env["DJANGO_DEBUG"] == "false"
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert env["ALLOWED_HOSTS"].startswith("${ALLOWED_HOSTS:?")


def test_app_waits_for_healthy_database_and_redis():
    services = load_compose()["services"]
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
    assert "healthcheck" in services["postgres"] and "healthcheck" in services["redis"]


def test_the_image_installs_every_package_of_the_project():
    dockerfile = (ROOT / "Dockerfile").read_text()
    packages = ("core", "registry", "contacts", "events", "recommendations")
    assert all(f"COPY {name} ./{name}" in dockerfile for name in packages)


def test_behind_the_compose_proxy_the_client_address_comes_from_one_trusted_proxy():
    env = load_compose()["services"]["web"]["environment"]
    assert env["NUM_PROXIES"] == "${NUM_PROXIES:-1}"


def test_the_worker_and_beat_are_started_again_when_they_exit():
    """kombu can make the worker exit on a Redis restart (README, "Reminders"): the supervisor brings it back."""
    services = load_compose()["services"]
    assert {services[name]["restart"] for name in ("worker", "beat", "redis", "postgres")} == {"unless-stopped"}
