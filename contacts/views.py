"""The directory pages: search, a person's contact card and vCard. Every look-up of a card is logged."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import TruncDate
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core import roles
from core.api.throttles import ReconfirmationAddressThrottle, ReconfirmationEmailThrottle
from core.countries import sort_key
from core.decorators import member_required
from core.exports import attachment
from core.filters import country_options, without_blanks
from core.paginator import CappedPaginator

from . import reconfirmation, vcard
from .choices import LookupAction, Mandate, ReconfirmationAnswer
from .filters import DirectoryFilterSet
from .models import Expertise, FocalPoint, Language, LookupLog, Organization, Person, Role, people_visible_to
from .naming import names_for
from .reads import ReadBudgetExceeded, read_contact
from .tasks import send_new_reconfirmation_link

RESULTS_PER_PAGE = 25
LOOKUPS_SHOWN_DAYS = 365
READ_REPORT_DAYS = 30
READ_REPORT_ROWS = 50


@require_GET
@member_required
def directory(request):
    """Search people as you type; the filters ride in the URL, so a search can be bookmarked and shared."""
    people = Person.objects.visible_to(request.user).filter(active=True).select_related("organization")
    filterset = DirectoryFilterSet(
        without_blanks(request.GET),
        queryset=people.prefetch_related(Prefetch("languages", to_attr="working_languages")),  # a list: no manager
        request=request,
    )
    page = CappedPaginator(filterset.qs if filterset.is_valid() else people.none(), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    country = filterset.form.cleaned_data.get("country") if filterset.is_valid() else None
    context = {"filterset": filterset, "page": page, "query": query_without_page(request)}
    context["organizations"] = [(str(org.pk), str(org)) for org in organization_choices(request.user, country)]
    context["chosen"] = {name: request.GET.getlist(name) for name in CHOICE_FILTERS}
    context["chosen"]["country"] = filterset.data.getlist("country")  # a country typed by name is chosen by code
    if request.htmx:  # the organisation list follows the country chosen
        return render(request, "contacts/partials/directory_results.html", {**context, "swap_out_of_band": True})
    context["options"] = filter_options(request.user)
    return render(request, "contacts/directory.html", context)


CHOICE_FILTERS = ("country", "role", "expertise", "language", "organization", "mandate")


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def filter_options(user) -> dict[str, list[tuple[str, str]]]:
    """(value, label) of each filter's options, read once (the ``options`` tag writes them), in the language of the
    page. Languages are those of people the user may see, by name."""
    # Exists, not a join of every person then DISTINCT: at 100k people that cost up to 137 ms a page.
    speakers = Person.languages.through.objects.filter(people_visible_to(user, via="person__"), language=OuterRef("pk"))
    spoken = [(language.code, str(language)) for language in Language.objects.filter(Exists(speakers))]
    return {
        "country": country_options(),
        "role": [(role.code, str(role)) for role in Role.objects.all()],
        "expertise": [(item.code, str(item)) for item in Expertise.objects.all()],
        "language": sorted(spoken, key=lambda option: sort_key(option[1])),
        "mandate": [(value, str(label)) for value, label in Mandate.choices],
    }


def organization_choices(user, countries: list[str] | None):
    """Organisations with people the user may see: international bodies, and those of the countries chosen. A
    network of 100,000 people has 5,000 organisations, too many for one list."""
    where = Q(country="") | Q(country__in=countries or [])
    with_people = Exists(Person.objects.visible_to(user).filter(organization=OuterRef("pk")))
    return Organization.objects.visible_to(user).filter(where, with_people)


@require_GET
@member_required
def person_detail(request, pk: int):
    person = get_object_or_404(visible_people(request.user), pk=pk)
    try:
        read_contact(request.user, person, LookupAction.VIEWED)
    except ReadBudgetExceeded as refusal:
        return budget_exceeded(request, refusal)
    context = {
        "person": person,
        "lookups": who_looked_me_up(request.user) if person.user_id == request.user.pk else None,
        "my_country": getattr(getattr(request.user, "person", None), "country", ""),
    }
    return render(request, "contacts/person_detail.html", context)  # events: the events_attended tag


def who_looked_me_up(user) -> list[LookupLog]:
    """Who opened the card of the user's own person in the last twelve months, named as the user may know them."""
    since = timezone.now() - timedelta(days=LOOKUPS_SHOWN_DAYS)
    lookups = list(LookupLog.objects.visible_to(user).filter(person__user=user, at__gte=since).order_by("-at"))
    names = names_for([lookup.viewer_id for lookup in lookups], user)
    for lookup in lookups:
        lookup.reader = names.get(lookup.viewer_id) or _("A former user")
    return lookups


@require_GET
@member_required
def person_vcard(request, pk: int):
    person = get_object_or_404(visible_people(request.user), pk=pk)
    try:
        read_contact(request.user, person, LookupAction.DOWNLOADED)
    except ReadBudgetExceeded as refusal:
        return budget_exceeded(request, refusal)
    return attachment(vcard.for_person(person), "text/vcard; charset=utf-8", vcard.filename(person))


@require_GET
@member_required
def read_report(request):
    """Staff: how many distinct people each user read per day in the last 30 days, the highest first."""
    if not roles.is_iom_staff(request.user):
        raise PermissionDenied
    since = timezone.now() - timedelta(days=READ_REPORT_DAYS)
    rows = (
        LookupLog.objects.filter(at__gte=since, viewer__isnull=False)
        .annotate(day=TruncDate("at"))
        .values("viewer", "day")
        .annotate(people=Count("person", distinct=True), reads=Count("pk"))
        .order_by("-people", "-day", "viewer")
    )
    page = Paginator(rows, READ_REPORT_ROWS).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    names = names_for([row["viewer"] for row in page.object_list], request.user)
    for row in page.object_list:
        row["reader"] = names[row["viewer"]]
    context = {"page": page, "days": READ_REPORT_DAYS, "per_day": settings.CONTACT_READS_PER_DAY}
    return render(request, "contacts/read_report.html", context)


def budget_exceeded(request, refusal: ReadBudgetExceeded) -> HttpResponse:
    response = render(request, "contacts/read_budget.html", {"message": str(refusal)}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def visible_people(user):
    designations = FocalPoint.objects.order_by("-valid_from").prefetch_related("request_languages", "channels")
    return (
        Person.objects.visible_to(user)
        .select_related("organization")
        .prefetch_related("languages", "expertise", "roles", Prefetch("designations", designations))
    )


REFUSALS = {
    "expired": _("This link has expired: links work for 30 days."),
    "altered": _("This link is not complete or not valid. Copy it again from the e-mail, or ask for a new one."),
    "answered": _("This link has already been used, and your answer recorded."),
}


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = reconfirmation.CORRECTABLE


def reconfirm(request, token: str):
    """The page a re-confirmation e-mail links to; no login, the signed link is the key."""
    try:
        pending = reconfirmation.open_request(token)
    except reconfirmation.LinkRefused as refusal:
        return refused_link(request, refusal)
    if request.method == "POST":
        choice = request.POST.get("answer")
        if choice not in (ReconfirmationAnswer.CONFIRMED, ReconfirmationAnswer.REMOVAL):
            return redirect("contacts:reconfirm", token)
        reconfirmation.answer(pending, ReconfirmationAnswer(choice))
        return answered(request, choice)
    designations = pending.person.designations.current()
    context = {"person": pending.person, "designations": designations, "token": token}
    return render(request, "contacts/reconfirm.html", context)


def reconfirm_correct(request, token: str):
    try:
        pending = reconfirmation.open_request(token)
    except reconfirmation.LinkRefused as refusal:
        return refused_link(request, refusal)
    form = CorrectionForm(request.POST or None, instance=Person.objects.get(pk=pending.person_id))
    if request.method == "POST" and form.is_valid():
        proposed = {field: str(form.cleaned_data[field] or "") for field in form.changed_data}
        reconfirmation.answer(pending, ReconfirmationAnswer.CORRECTED, proposed)
        return answered(request, ReconfirmationAnswer.CORRECTED)
    return render(request, "contacts/reconfirm_correct.html", {"form": form})


def answered(request, choice: str):
    messages_by_answer = {
        ReconfirmationAnswer.CONFIRMED: _("Your details are marked as verified today."),
        ReconfirmationAnswer.CORRECTED: _(
            "Your corrections are with IOM staff, who check them before they replace your details."
        ),
        ReconfirmationAnswer.REMOVAL: _("Your request to be removed is with IOM staff."),
    }
    return render(request, "contacts/reconfirm_done.html", {"message": messages_by_answer[choice]})


def refused_link(request, refusal):
    return render(request, "contacts/reconfirm_refused.html", {"message": REFUSALS[refusal.reason]}, status=400)


@require_POST
def reconfirm_new(request):
    """A new link for an address: the same answer in the same time whether the address is in the registry or not,
    since the look-up happens in a Celery task (``contacts.tasks.send_new_reconfirmation_link``)."""
    email = request.POST.get("email", "").strip()
    throttles = (ReconfirmationAddressThrottle(), ReconfirmationEmailThrottle(email))
    if email and all(throttle.allow_request(request, None) for throttle in throttles):
        transaction.on_commit(lambda: send_new_reconfirmation_link.delay(email))
    message = _("If this address is in the registry, a new link is on its way.")
    return render(request, "contacts/reconfirm_done.html", {"message": message})
