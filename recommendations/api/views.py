from django.db.models import Count
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from contacts.naming import names_for
from core.api.base import VisibleReadOnlyViewSet
from core.api.permissions import NetworkMembers, StaffOnly

from ..filters import FollowUpFilterSet, RecommendationFilterSet, ReminderFilterSet
from ..models import FollowUp, ProgressUpdate, Recommendation, Reminder
from ..services import record_progress
from .serializers import FollowUpSerializer, ProgressUpdateSerializer, RecommendationSerializer, ReminderSerializer


class RecommendationViewSet(VisibleReadOnlyViewSet):
    queryset = Recommendation.objects.select_related("pillar").annotate(follow_up_count=Count("follow_ups"))
    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilterSet

    def get_queryset(self):
        return super().get_queryset().order_by("event", "code", "pk")


class FollowUpViewSet(VisibleReadOnlyViewSet):
    """Follow-ups are assigned in the admin; their status moves only by posting to ``progress``."""

    queryset = FollowUp.objects.select_related("recommendation", "coordinator__organization").order_by(
        "due_date", "country", "pk"
    )
    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilterSet

    def get_queryset(self):
        return super().get_queryset().with_coordinator_visibility(self.request.user)

    @extend_schema(methods=["GET"], responses=ProgressUpdateSerializer(many=True), filters=False)
    @extend_schema(methods=["POST"], request=ProgressUpdateSerializer, responses={201: ProgressUpdateSerializer})
    @action(
        detail=True,
        methods=["get", "post"],
        permission_classes=[NetworkMembers],
        parser_classes=[MultiPartParser],  # a report may carry an evidence file
        filterset_class=None,
        serializer_class=ProgressUpdateSerializer,
    )
    def progress(self, request, pk=None):
        """The progress history (GET); a new progress report that moves the status (POST, coordinators of the
        follow-up's country and staff)."""
        follow_up = self.get_object()
        if request.method == "POST":
            return self.report_progress(request, follow_up)
        updates = ProgressUpdate.objects.filter(follow_up=follow_up).order_by("created_at")
        page = self.paginate_queryset(updates)
        context = self.get_serializer_context()  # the request, so that evidence file links are absolute
        context["author_names"] = names_for([update.author_id for update in page], request.user)
        readable = ProgressUpdate.objects.details_visible_to(request.user).filter(follow_up=follow_up)
        context["readable_updates"] = set(readable.values_list("pk", flat=True))
        return self.get_paginated_response(ProgressUpdateSerializer(page, many=True, context=context).data)

    def report_progress(self, request, follow_up: FollowUp) -> Response:
        if not FollowUp.objects.editable_by(request.user).filter(pk=follow_up.pk).exists():
            raise PermissionDenied("Only the national coordinator of this country and IOM staff report progress.")
        serializer = ProgressUpdateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        update = record_progress(
            follow_up,
            request.user,
            data["status_after"],
            note=data.get("note", ""),
            evidence_url=data.get("evidence_url", ""),
            evidence_file=data.get("evidence_file"),
            shared_with_network=data.get("shared_with_network", False),
        )
        data = ProgressUpdateSerializer(update, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)


class ReminderViewSet(VisibleReadOnlyViewSet):
    queryset = Reminder.objects.select_related("recipient").order_by("-created_at", "pk")
    serializer_class = ReminderSerializer
    permission_classes = [StaffOnly]
    filterset_class = ReminderFilterSet
