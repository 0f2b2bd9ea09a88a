"""Follow-up pages: the dashboard, a follow-up with its history and progress form, a recommendation, the CSV export."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from contacts.naming import names_for
from core import roles
from core.countries import sort_key
from core.decorators import member_required
from core.filters import without_blanks
from events.models import Event

from . import export
from .choices import CLOSED_STATUSES, FollowUpStatus
from .filters import FollowUpFilterSet
from .forms import ProgressForm
from .models import FollowUp, ProgressUpdate, Recommendation
from .services import record_progress

FOLLOW_UPS_PER_PAGE = 50
IN_PROGRESS = [FollowUpStatus.IN_PROGRESS, FollowUpStatus.PARTIALLY_IMPLEMENTED]


def dashboard_follow_ups(user):
    """What the dashboard lists: a coordinator's own country, everything visible for others; open follow-ups first,
    by due date (so the overdue lead), then the closed ones; in the order of an index (``FollowUp.Meta``)."""
    follow_ups = FollowUp.objects.visible_to(user).select_related("recommendation__event", "coordinator")
    country = roles.coordinated_country(user)
    if country and not roles.is_iom_staff(user):
        follow_ups = follow_ups.filter(country=country)
    return follow_ups.order_by(*FollowUp.DASHBOARD_ORDER)


@require_GET
@member_required
def dashboard(request):
    filterset = FollowUpFilterSet(
        without_blanks(request.GET), queryset=dashboard_follow_ups(request.user), request=request
    )
    follow_ups = filterset.qs if filterset.is_valid() else FollowUp.objects.none()
    page = Paginator(follow_ups, FOLLOW_UPS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "page": page,
        "events": {fu.recommendation.event for fu in page.object_list},
        "is_staff": roles.is_iom_staff(request.user),
        "summary": country_summary_rows(request.user) if roles.is_iom_staff(request.user) else None,
        "statuses": FollowUpStatus.choices,
        "event_options": event_options(request.user),
    }
    return render(request, "recommendations/dashboard.html", context)


def event_options(user) -> list[tuple[str, str]]:
    """(id, "title (year)") of the events the dashboard's follow-ups belong to, the latest first: the event filter
    offers these, where it asked for an event number nobody knows."""
    follow_ups = dashboard_follow_ups(user).filter(recommendation__event=OuterRef("pk"))
    events = Event.objects.visible_to(user).filter(Exists(follow_ups)).only("title", "start_date", "date_note")
    return [(str(event.pk), str(event)) for event in events]


def country_summary_rows(user) -> list[dict]:
    """Per country: implemented, in progress and overdue, with bar widths for the SVG chart."""
    today = date.today()
    rows = list(
        FollowUp.objects.visible_to(user)
        .values("country")
        .annotate(
            implemented=Count("pk", filter=Q(status=FollowUpStatus.IMPLEMENTED)),
            in_progress=Count(
                "pk", filter=Q(status__in=[FollowUpStatus.IN_PROGRESS, FollowUpStatus.PARTIALLY_IMPLEMENTED])
            ),
            overdue=Count("pk", filter=Q(due_date__lt=today) & ~Q(status__in=CLOSED_STATUSES)),
            total=Count("pk"),
        )
        .order_by("country")
    )
    widest = max((row["total"] for row in rows), default=1) or 1
    for index, row in enumerate(rows):
        row["y"] = index * 28
        for key in ("implemented", "in_progress", "overdue"):
            row[f"{key}_width"] = round(240 * row[key] / widest)
    return rows


@require_http_methods(["GET", "POST"])
@member_required
def follow_up_detail(request, pk: int):
    follow_up = get_object_or_404(
        FollowUp.objects.visible_to(request.user).select_related("recommendation__event"), pk=pk
    )
    may_report = FollowUp.objects.editable_by(request.user).filter(pk=pk).exists()
    form = ProgressForm(request.POST or None, request.FILES or None, initial={"status": follow_up.status})
    if request.method == "POST":
        if not may_report:
            refuse_progress(request.user)
        if form.is_valid():
            data = form.cleaned_data
            record_progress(
                follow_up,
                request.user,
                data["status"],
                data["note"],
                data["evidence_url"],
                data["evidence_file"],
                shared_with_network=data["shared_with_network"],
            )
            messages.success(request, _("Progress recorded."))
            return redirect("recommendations:follow-up", pk=pk)
    history = list(follow_up.progress_updates.order_by("-created_at"))
    names = names_for([update.author_id for update in history], request.user)
    readable = set(
        ProgressUpdate.objects.details_visible_to(request.user).filter(follow_up=follow_up).values_list("pk", flat=True)
    )
    for update in history:
        update.author_name = names.get(update.author_id, "")
        update.details_visible = update.pk in readable
    return render(
        request,
        "recommendations/follow_up_detail.html",
        {"follow_up": follow_up, "history": history, "form": form if may_report else None},
    )


def refuse_progress(user) -> None:
    """Coordinators of another country get 404, as if the follow-up were not there; members without the role 403."""
    if roles.is_national_coordinator(user):
        raise Http404
    raise PermissionDenied


@require_GET
@member_required
def recommendation_detail(request, pk: int):
    recommendation = get_object_or_404(Recommendation.objects.visible_to(request.user).select_related("event"), pk=pk)
    follow_ups = FollowUp.objects.visible_to(request.user).filter(recommendation=recommendation)
    follow_ups = sorted(follow_ups, key=lambda follow_up: sort_key(str(follow_up.country.name)))  # not by code
    return render(
        request,
        "recommendations/recommendation_detail.html",
        {"recommendation": recommendation, "follow_ups": follow_ups},
    )


@require_GET
@member_required
def follow_up_export(request):
    if not roles.is_iom_staff(request.user):
        raise PermissionDenied
    filterset = FollowUpFilterSet(
        without_blanks(request.GET), queryset=FollowUp.objects.visible_to(request.user), request=request
    )
    follow_ups = filterset.qs if filterset.is_valid() else FollowUp.objects.none()
    return export.csv_response(request.user, follow_ups, request.GET.urlencode() or "no filter")
