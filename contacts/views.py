"""The directory pages: search, a person's contact card and vCard. Every look-up of a card is logged."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.decorators import member_required
from core.filters import without_blanks

from . import vcard
from .choices import LookupAction
from .filters import PersonFilterSet
from .models import Expertise, FocalPoint, Language, Organization, Person, Role
from .reads import ReadBudgetExceeded, read_contact

RESULTS_PER_PAGE = 25


@require_GET
@member_required
def directory(request):
    """Search people as you type; the filters ride in the URL, so a search can be bookmarked and shared."""
    people = Person.objects.visible_to(request.user).filter(active=True).select_related("organization")
    filterset = PersonFilterSet(
        without_blanks(request.GET), queryset=people.prefetch_related("languages"), request=request
    )
    page = Paginator(filterset.qs if filterset.is_valid() else people.none(), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"filterset": filterset, "page": page, "query": query_without_page(request)}
    if request.htmx:
        return render(request, "contacts/partials/directory_results.html", context)
    context.update(filter_choices(request.user))
    return render(request, "contacts/directory.html", context)


def query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def filter_choices(user) -> dict:
    return {
        "roles": Role.objects.all(),
        "expertise_list": Expertise.objects.all(),
        "languages": Language.objects.filter(speakers__isnull=False).distinct(),
        "organizations": Organization.objects.visible_to(user).filter(people__isnull=False).distinct(),
    }


@require_GET
@member_required
def person_detail(request, pk: int):
    person = get_object_or_404(visible_people(request.user), pk=pk)
    try:
        read_contact(request.user, person, LookupAction.VIEWED)
    except ReadBudgetExceeded as refusal:
        return budget_exceeded(request, refusal)
    return render(request, "contacts/person_detail.html", {"person": person})  # events: the events_attended tag


@require_GET
@member_required
def person_vcard(request, pk: int):
    person = get_object_or_404(visible_people(request.user), pk=pk)
    try:
        read_contact(request.user, person, LookupAction.DOWNLOADED)
    except ReadBudgetExceeded as refusal:
        return budget_exceeded(request, refusal)
    response = HttpResponse(vcard.for_person(person), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{vcard.filename(person)}"'
    return response


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
