"""The briefing packs of an event: one country's pack as a page or a PDF, and every pack of the event as a ZIP of
PDFs for staff. Whoever may not read a pack gets 404, as for a country not invited or an event they may not see, so
no answer tells which countries are invited to a draft."""

import io
import re
import unicodedata
import zipfile

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_countries import countries

from contacts.exports import log_export
from core import roles
from core.exports import attachment
from core.pdf import render_pdf
from events.models import Event

from .briefing import BriefingPack, build_packs, invited_countries, may_read_pack

PDF_TEMPLATE = "registry/briefing/pdf.html"


@require_GET
@login_required
def briefing_pack(request, pk: int, code: str):
    pack = readable_pack(request.user, pk, code)
    return render(request, "registry/briefing/page.html", {"pack": pack})


@require_GET
@login_required
def briefing_pack_pdf(request, pk: int, code: str):
    """The pack as a PDF attachment; the download is recorded in the export log, as it names people."""
    pack = readable_pack(request.user, pk, code)
    pdf = render_pdf(PDF_TEMPLATE, {"pack": pack}, request)
    log_export(request.user, f"briefing pack of {pack.code} for event {pk}", "pdf", len(pack.people_named()))
    return attachment(pdf, "application/pdf", f"briefing-{pk}-{pack.code}.pdf")


@require_GET
@login_required
def briefing_packs_zip(request, pk: int):
    """Staff: the pack of every invited country of the event, one PDF each, in one ZIP; the download is recorded."""
    if not roles.is_iom_staff(request.user):
        raise Http404(_("No such page."))
    event = get_object_or_404(event_with_countries(request.user), pk=pk)
    packs = build_packs(request.user, event, invited_countries(event))
    archive = zip_of({member_name(pack): render_pdf(PDF_TEMPLATE, {"pack": pack}, request) for pack in packs})
    people = set().union(*(pack.people_named() for pack in packs))
    log_export(request.user, f"briefing packs of event {pk} ({len(packs)} countries)", "zip", len(people))
    return attachment(archive, "application/zip", f"briefing-{pk}.zip")


def readable_pack(user: roles.UserLike, pk: int, code: str) -> BriefingPack:
    """The pack of country ``code`` at event ``pk``, or 404 when the user may not read it, may not see the event, or
    the country is not invited to it."""
    code = code.upper()
    if code not in countries or not may_read_pack(user, code):
        raise Http404(_("No such page."))
    event = get_object_or_404(event_with_countries(user), pk=pk)
    if code not in invited_countries(event):
        raise Http404(_("No such page."))
    return build_packs(user, event, [code])[0]


def event_with_countries(user: roles.UserLike):
    return Event.objects.visible_to(user).prefetch_related("countries")


def member_name(pack: BriefingPack) -> str:
    """``EG-Egypt.pdf``, ``CI-Cote-d-Ivoire.pdf``: the code and the English name in plain ASCII letters, so that any
    unzip tool, on any system, writes the same file names."""
    with translation.override("en"):
        english = str(countries.name(pack.code))
    ascii_name = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode()
    return f"{pack.code}-{re.sub(r'[^A-Za-z0-9]+', '-', ascii_name).strip('-')}.pdf"


def zip_of(files: dict[str, bytes]) -> bytes:
    """The files in one ZIP, stored as they are: PDFs are compressed already."""
    buffer = io.BytesIO()
    written_at = timezone.localtime().timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=written_at), content)
    return buffer.getvalue()
