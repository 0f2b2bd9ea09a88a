"""The one address of every stored file, ``/files/<name>``: it finds the record that holds the file, checks that the
user may see it, and has the bytes sent (``core.files.send_file``). Anything else answers 404, so a file's existence
is never revealed. It sits above the apps because documents and evidence belong to two of them."""

from django.http import Http404
from django.views.decorators.http import require_GET

from core.files import send_file
from events.models import Document
from recommendations.models import ProgressUpdate


@require_GET
def protected_file(request, name: str):
    document = Document.objects.visible_to(request.user).filter(file=name).first()
    if document is not None:
        return send_file(request, name, document.download_name)
    update = ProgressUpdate.objects.details_visible_to(request.user).filter(evidence_file=name).first()
    if update is not None:
        return send_file(request, name, update.evidence_download_name)
    raise Http404
