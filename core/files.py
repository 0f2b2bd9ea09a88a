"""Uploaded files (event documents, progress evidence): checked by what they contain, stored under random names,
and sent only by views that check the rules first.

One allow-list for every upload: PDF, PNG, JPEG, office documents (Word, Excel, PowerPoint, OpenDocument) and plain
text. The type is read from the bytes (python-magic, on Debian's libmagic) and must agree with the extension; HTML,
SVG, executables and anything else are refused, and so is a file larger than ``UPLOAD_MAX_BYTES``.

``ProtectedStorage`` keeps files under ``MEDIA_ROOT`` and gives each one the address ``/files/<name>``: that view
(``registry.files``) finds which record holds the file, checks that the user may see it, and has the bytes sent by
django-sendfile2 (streamed by Django in development and tests, by nginx's ``X-Accel-Redirect`` in production).
Nothing serves ``/media/``.
"""

import secrets
from pathlib import PurePath

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.http import HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django_sendfile import sendfile

# extension -> the types libmagic may report for a genuine file of that kind
ALLOWED_TYPES = {
    "pdf": {"application/pdf"},
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
    "txt": {"text/plain"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    "odt": {"application/vnd.oasis.opendocument.text"},
    "ods": {"application/vnd.oasis.opendocument.spreadsheet"},
    "odp": {"application/vnd.oasis.opendocument.presentation"},
}
SHOWN_INLINE = {"application/pdf", "image/png", "image/jpeg"}  # the browser renders them without running anything
SANDBOX = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


def detected_type(upload) -> str:
    upload.seek(0)
    content = upload.read(settings.UPLOAD_MAX_BYTES + 1)
    upload.seek(0)
    return magic.from_buffer(content, mime=True)


@deconstructible
class AllowedUpload:
    """The validator of every uploaded file: size, extension, and a type read from the bytes that matches it."""

    def __call__(self, upload) -> None:
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="too_large",
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            )
        extension = PurePath(upload.name).suffix.lower().lstrip(".")
        if extension not in ALLOWED_TYPES:
            raise ValidationError(
                _("Files of type .%(extension)s are not accepted. Use PDF, PNG, JPEG, an office document or text."),
                code="extension",
                params={"extension": extension or "?"},
            )
        found = detected_type(upload)
        if found not in ALLOWED_TYPES[extension]:
            raise ValidationError(
                _("This file is named .%(extension)s but its content is %(found)s."),
                code="content",
                params={"extension": extension, "found": found},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, AllowedUpload)


@deconstructible
class RandomName:
    """An ``upload_to`` that stores a file under ``folder`` with a random name that keeps only the extension; the
    name it was uploaded under is kept in the record (``original_name``)."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        return f"{self.folder}/{secrets.token_urlsafe(24)}{PurePath(filename).suffix.lower()}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder


@deconstructible
class ProtectedStorage(FileSystemStorage):
    """Files under ``MEDIA_ROOT``, whose address is the checking view, never ``/media/``."""

    def url(self, name: str) -> str:
        return reverse("protected_file", args=[name])


def send_file(request: HttpRequest, name: str, download_name: str) -> HttpResponse:
    """The bytes of a stored file, after the caller has checked the rules: as an attachment (inline only for PDF and
    images), with the type read from the bytes, never cached, and sandboxed should a browser render it anyway."""
    path = PurePath(settings.MEDIA_ROOT) / name
    with open(path, "rb") as stored:
        content_type = magic.from_buffer(stored.read(settings.UPLOAD_MAX_BYTES + 1), mime=True)
    attachment = content_type not in SHOWN_INLINE
    response = sendfile(
        request, str(path), attachment=attachment, attachment_filename=download_name, mimetype=content_type
    )
    response["Content-Security-Policy"] = SANDBOX
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def original_name(field_file) -> str | None:
    """The name a file was uploaded under, when it was just uploaded (before it is stored under a random name)."""
    if field_file and not field_file._committed:
        return PurePath(field_file.name).name[:255]
    return None


def move_to_random_names(model, field: str, name_field: str, folder: str) -> int:
    """For a data migration: store each existing file of ``model.field`` under a random name, keeping its original
    name in ``name_field``. A row whose file is missing keeps its name (the download answers 404)."""
    storage = FileSystemStorage(location=settings.MEDIA_ROOT)
    moved = 0
    for row in model.objects.exclude(**{field: ""}).iterator():
        old = getattr(row, field).name
        if not storage.exists(old):
            continue
        with storage.open(old) as content:
            new = storage.save(RandomName(folder)(row, old), content)
        storage.delete(old)
        model.objects.filter(pk=row.pk).update(**{field: new, name_field: PurePath(old).name[:255]})
        moved += 1
    return moved
