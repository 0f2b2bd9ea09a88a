"""The home page and the country profiles: pages that draw on every app."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_countries import countries

from contacts.choices import CorrectionStatus, LegalBasis, Mandate, Visibility
from contacts.exports import export_people
from contacts.models import Correction, ErasureRequest, FocalPoint, Organization, Person, Reconfirmation
from contacts.reads import ReadBudgetExceeded
from core import roles
from core.countries import codes_matching, country_choices
from core.decorators import member_required
from core.exports import attachment
from events.models import Event, EventCountry
from events.treaties import country_treaties, legal_bases_between
from recommendations.choices import FollowUpStatus
from recommendations.models import FollowUp

from . import cooperation, retention
from .countries import country_summary
from .directory_pdf import print_directory
from .forms import CountryIndexForm, CountryPickForm, other_country_choices

RECENT_EVENTS = 5


@require_GET
def home(request):
    user = request.user
    events = Event.objects.visible_to(user).order_by(*Event._meta.ordering)
    context = {"recent_events": events[:RECENT_EVENTS], "figures": public_figures(user)}
    if roles.is_network_member(user):
        person = getattr(user, "person", None)
        context["my_country"] = person.country if person and person.country else None
        context["my_follow_ups"] = (
            FollowUp.objects.editable_by(user).open().select_related("recommendation__event").order_by("due_date")
            if roles.is_national_coordinator(user)
            else None
        )
    return render(request, "registry/home.html", context)


def public_figures(user) -> dict[str, int]:
    """Counts only, fit for anonymous visitors."""
    events = Event.objects.visible_to(user)
    return {
        "events": events.count(),
        "countries": EventCountry.objects.filter(event__in=events).values("country").distinct().count(),
        "implemented": FollowUp.objects.filter(
            status=FollowUpStatus.IMPLEMENTED, recommendation__event__in=events
        ).count(),
    }


@require_GET
@member_required
def country_list(request):
    """Every country the reader asks for, by name in the page's language, with its current designations by mandate:
    by default the countries the registry holds something on for this reader; with a region, all its members;
    with a search, every country whose name matches. A fixed number of queries for any number of countries."""
    form = CountryIndexForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "mandates": Mandate.choices, "rows": []}
        return render(request, "registry/country_list.html", context, status=400)
    codes = form.region_codes()
    query = form.cleaned_data["q"].strip()
    if query:
        codes = codes_matching(query) & codes if codes is not None else codes_matching(query)
    if codes is None:
        codes = countries_on_record(request.user)
    designations = cooperation.current_designations(request.user, sorted(codes), details=False)
    rows = [
        (code, name, [(label, designations[code].get(mandate, [])) for mandate, label in Mandate.choices])
        for code, name in country_choices(codes)
    ]
    return render(request, "registry/country_list.html", {"form": form, "mandates": Mandate.choices, "rows": rows})


def countries_on_record(user) -> set[str]:
    """The countries the registry holds something on for this reader: people, designations or events."""
    events = Event.objects.visible_to(user)
    codes = {
        *Person.objects.visible_to(user).filter(active=True).values_list("country", flat=True).order_by().distinct(),
        *FocalPoint.objects.visible_to(user).current().values_list("country", flat=True).order_by().distinct(),
        *EventCountry.objects.filter(event__in=events).values_list("country", flat=True).order_by().distinct(),
        *events.values_list("host_country", flat=True).order_by().distinct(),
    }
    return codes - {""}


@require_GET
@member_required
def country_profile(request, code: str):
    code = known_country(code)
    user = request.user
    designations = (
        FocalPoint.objects.visible_to(user)
        .current()
        .filter(country=code)
        .select_related("person", "organization")
        .prefetch_related("request_languages", "channels")
        .with_visible_predecessor(user)
    )
    summary = country_summary(user, code)
    labels = dict(FollowUpStatus.choices)
    people = Person.objects.visible_to(user).in_country(code).filter(active=True).order_by("family_name", "given_name")
    events = Event.objects.visible_to(user).filter(countries__country=code).order_by(*Event._meta.ordering)
    context = {
        "country": {"code": code, "name": countries.name(code)},
        "follow_ups_by_status": [(labels[status], count) for status, count in summary.follow_ups_by_status.items()],
        "designations": designations,
        "people": section(people.select_related("organization")),
        "organizations": section(Organization.objects.visible_to(user).filter(country=code)),
        "events": section(events),
        "treaties": country_treaties(user, code),
        "can_export": roles.is_iom_staff(user),
        "countries": other_country_choices(code),
        "my_country": my_country(user),
    }
    return render(request, "registry/country_profile.html", context)


@require_GET
@member_required
def country_mandate_history(request, code: str, mandate: str):
    """Every designation of a country for one mandate that the reader may see, current and ended, newest first,
    each with the one it took over from. Two queries (the designations, their predecessors) however many."""
    code = known_country(code)
    if mandate not in Mandate.values:
        raise Http404(_("%(mandate)s is not a mandate.") % {"mandate": mandate})
    designations = (
        FocalPoint.objects.visible_to(request.user)
        .filter(country=code, mandate=mandate)
        .select_related("person", "organization")
        .with_visible_predecessor(request.user)
        .order_by(F("valid_from").desc(nulls_last=True), "-pk")
    )
    context = {
        "country": {"code": code, "name": countries.name(code)},
        "mandate": Mandate(mandate),
        "designations": designations,
    }
    return render(request, "registry/country_mandate_history.html", context)


SECTION_SIZE = 20


def section(queryset) -> dict:
    """The first rows of a list and how many there are, so a country of 1,000 people renders 20 and a link."""
    rows = list(queryset[:SECTION_SIZE])
    count = len(rows) if len(rows) < SECTION_SIZE else queryset.count()
    return {"rows": rows, "count": count, "more": count > len(rows)}


@require_GET
@member_required
def country_pair(request, code: str, other: str):
    """Working with another country: for each mandate both sides' current designations, the languages both accept,
    the legal bases between them, the events both attended and who of each side was there, and the
    recommendations both follow up. Only what the reader may see; contact details stay on the cards."""
    first, second = known_country(code), known_country(other)
    if first == second:
        return redirect("country", first)
    if (code, other) != (first, second):
        return redirect("country_pair", first, second)
    user = request.user
    designations = cooperation.current_designations(user, [first, second])
    rows = cooperation.mandate_rows(designations, first, second)
    languages = [cooperation.all_accepted_languages(designations[each]) for each in (first, second)]
    meetings, meetings_total = cooperation.events_in_common(user, first, second)
    shared, shared_total = cooperation.recommendations_in_common(user, first, second)
    context = {
        "first": {"code": first, "name": countries.name(first)},
        "second": {"code": second, "name": countries.name(second)},
        "mandates": rows,
        "legal_basis_notes": cooperation.legal_basis_notes(rows, first, second),
        "languages": languages,
        "shared_languages": {each.code for each in languages[0]} & {each.code for each in languages[1]},
        "legal_bases": legal_bases_between(first, second, user),
        "meetings": meetings,
        "meetings_total": meetings_total,
        "recommendations": shared,
        "recommendations_total": shared_total,
        "status_labels": dict(FollowUpStatus.choices),
        "countries": other_country_choices(first),
    }
    return render(request, "registry/country_pair.html", context)


@require_GET
@member_required
def country_pair_pick(request, code: str):
    """The "Work with …" pickers: on a country's page the reader picks their own side (``from``), on a pair's page
    the other side (``country``); either way on to the pair's page."""
    code = known_country(code)
    picked_first = "from" in request.GET
    form = CountryPickForm({"country": request.GET.get("from" if picked_first else "country", "")})
    if not form.is_valid():
        context = {"country": {"code": code, "name": countries.name(code)}, "form": form, "picked_first": picked_first}
        return render(request, "registry/country_pick.html", context, status=400)
    picked = form.cleaned_data["country"]
    return redirect("country_pair", *((picked, code) if picked_first else (code, picked)))


@require_GET
@member_required
def country_directory_export(request, code: str, file_format: str):
    """Staff download the directory of a country (everyone recorded there, listed or not); the export is logged."""
    code = known_country(code)
    if not roles.is_iom_staff(request.user):
        raise PermissionDenied
    people = Person.objects.visible_to(request.user).in_country(code).order_by("family_name", "given_name", "pk")
    what = f"directory of {countries.name(code)} ({code})"
    return export_people(request.user, people, what, f"directory-{code}", file_format)


@require_GET
@member_required
def country_directory_pdf(request, code: str):
    """The printable directory of a country's current designations (``registry/directory_pdf.py``), for members and
    staff. Every person in it counts as a card read: a member whose budget cannot cover them all gets the budget
    page (429), and nothing is logged."""
    code = known_country(code)
    try:
        pdf = print_directory(request, code)
    except ReadBudgetExceeded as refusal:
        response = render(request, "contacts/read_budget.html", {"message": str(refusal)}, status=429)
        if refusal.retry_after is not None:  # None: the directory holds more people than the budget ever allows
            response["Retry-After"] = str(refusal.retry_after)
        return response
    return attachment(pdf, "application/pdf", f"directory-{code}-{timezone.localdate().isoformat()}.pdf")


def my_country(user) -> str:
    """The country of the reader's own person, the other side a "Work with …" picker offers first; "" if none."""
    person = getattr(user, "person", None)
    return person.country.code if person and person.country else ""


def known_country(code: str) -> str:
    code = code.upper()
    if code not in countries:
        raise Http404(_("%(code)s is not a country code.") % {"code": code})
    return code


@require_GET
@member_required
def data_protection(request):
    """Staff: the registry's personal data in figures (by legal basis, by age of verification) and the retention
    settings in force. Counts only, no names."""
    if not roles.is_iom_staff(request.user):
        raise PermissionDenied
    today = date.today()
    people = Person.objects.exclude(family_name__startswith="person #", given_name="Erased")
    by_basis = dict(people.values_list("legal_basis").annotate(count=Count("pk")).order_by())
    ages = {
        _("never verified"): people.filter(last_verified_on__isnull=True).count(),
        _("within a year"): people.filter(last_verified_on__gte=today - timedelta(days=365)).count(),
        _("one to two years ago"): people.filter(
            last_verified_on__lt=today - timedelta(days=365), last_verified_on__gte=today - timedelta(days=730)
        ).count(),
        _("more than two years ago"): people.filter(last_verified_on__lt=today - timedelta(days=730)).count(),
    }
    context = {
        "by_basis": [
            (label, by_basis.get(value, 0)) for value, label in [("", _("none recorded")), *LegalBasis.choices]
        ],
        "by_age": ages.items(),
        "by_visibility": [(label, people.filter(visibility=value).count()) for value, label in Visibility.choices],
        "retention": [(rule.label, rule.days()) for rule in retention.RULES],
        "erased": Person.objects.filter(given_name="Erased", family_name__startswith="person #").count(),
        "pending": [
            (_("re-confirmation requests not answered yet"), Reconfirmation.objects.filter(answered_at=None).count()),
            (_("corrections waiting for staff"), Correction.objects.filter(status=CorrectionStatus.PENDING).count()),
            (_("erasure requests not handled yet"), ErasureRequest.objects.filter(handled_at=None).count()),
        ],
    }
    return render(request, "registry/data_protection.html", context)
