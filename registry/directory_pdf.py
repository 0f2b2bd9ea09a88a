"""The printable directory of a country (``/countries/<ISO>/directory.pdf``), like the directory of competent national
authorities UNODC publishes: the country's current designations by mandate, each with its holder's contact details,
dated and marked on every sheet, in the reader's language.

Everything in it comes from the reader's visibility QuerySets, so a hidden holder is not in the file, nor in its
counts, size or rendering time. Printing it is a read of every person in it (``contacts.reads.read_contacts``,
all or nothing against the budget) and an export (``ExportLog``), written in the same transaction as the render.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django_countries import countries

from contacts.choices import LookupAction, Mandate
from contacts.exports import log_export
from contacts.models import FocalPoint, Organization
from contacts.reads import read_contacts
from core import roles
from core.pdf import render_pdf

TEMPLATE = "registry/country_directory_pdf.html"


@dataclass
class Entry:
    """One designation as printed: the organisation only when the reader may see it (an inactive one is staff's)."""

    designation: FocalPoint
    organization: Organization | None


def current_entries(user, code: str) -> list[Entry]:
    """The country's current designations the reader may see, holder and organisation loaded. Three queries."""
    designations = (
        FocalPoint.objects.visible_to(user)
        .current()
        .filter(country=code)
        .select_related("person__organization", "organization")
        .prefetch_related("request_languages", "channels")
        .order_by("mandate", "valid_from", "pk")
    )
    entries = [Entry(designation, shown_organization(user, designation)) for designation in designations]
    return [entry for entry in entries if entry.designation.person or entry.organization]


def shown_organization(user, designation: FocalPoint) -> Organization | None:
    """The designated organisation, else the holder's own, when the reader may see it."""
    person = designation.person
    organization = designation.organization or (person.organization if person else None)
    if organization is None or not (organization.active or roles.is_iom_staff(user)):
        return None
    return organization


def by_mandate(entries: list[Entry]) -> list[tuple[str, list[Entry]]]:
    """(mandate label, entries) in the fixed order of ``Mandate``, for the mandates that have any."""
    grouped = defaultdict(list)
    for entry in entries:
        grouped[entry.designation.mandate].append(entry)
    return [(mandate.label, grouped[mandate.value]) for mandate in Mandate if grouped[mandate.value]]


def reader_name(user) -> str:
    """The reader as the registry knows them: their person's name, else their account's full name or login."""
    person = getattr(user, "person", None)
    return str(person) if person else user.get_full_name() or user.get_username()


def export_description(code: str) -> str:
    """What the export log says, in English whatever the page's language: "directory of Egypt (EG), PDF"."""
    with translation.override("en"):
        return f"directory of {countries.name(code)} ({code}), PDF"


def print_directory(request, code: str) -> bytes:
    """The PDF of the country's directory for the request's user, its reads and its export logged; or
    ``BulkReadBudgetExceeded``, with nothing logged. A render that fails logs nothing either."""
    user = request.user
    entries = current_entries(user, code)
    context = {
        "country": {"code": code, "name": countries.name(code)},
        "mandates": by_mandate(entries),
        "generated_on": timezone.localdate(),
        "reader": reader_name(user),
    }
    with transaction.atomic():
        people = [entry.designation.person for entry in entries if entry.designation.person]
        read_contacts(user, people, LookupAction.PRINTED)
        log_export(user, export_description(code), "pdf", len(entries))
        return render_pdf(TEMPLATE, context, request)
