from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.parsers import MultiPartParser

from core.api.base import VisibleModelViewSet, VisibleReadOnlyViewSet
from core.api.permissions import MembersReadStaffWrite, PublicReadStaffWrite

from ..filters import (
    BilateralTreatyFilterSet,
    DocumentFilterSet,
    EventFilterSet,
    ParticipationFilterSet,
    TreatyStatusFilterSet,
)
from ..models import (
    BilateralTreaty,
    Document,
    Event,
    EventOrganization,
    Instrument,
    Participation,
    Programme,
    Theme,
    TreatyStatus,
)
from .serializers import (
    BilateralTreatySerializer,
    DocumentSerializer,
    EventSerializer,
    InstrumentSerializer,
    ParticipationSerializer,
    ProgrammeSerializer,
    ThemeSerializer,
    TreatyStatusSerializer,
)

PARTICIPATIONS = Participation.objects.select_related("person__organization")


class EventViewSet(VisibleReadOnlyViewSet):
    """Published events for everyone; drafts for staff too. Events are entered in the admin."""

    queryset = Event.objects.prefetch_related(
        Prefetch("organizations", EventOrganization.objects.select_related("organization")),
        "countries",
        "programmes",
        "themes",
        "pillars",
        "instruments",
        "sdg_goals",
        "gcm_objectives",
    ).order_by(*Event._meta.ordering, "pk")
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    permission_classes = [PublicReadStaffWrite]

    def get_queryset(self):
        return super().get_queryset().with_counts(self.request.user).with_visible_previous(self.request.user)

    @extend_schema(responses=ParticipationSerializer(many=True), filters=False)
    @action(detail=True, permission_classes=[MembersReadStaffWrite], filterset_class=None)
    def participants(self, request, pk=None):
        """The people recorded at the event whom the caller may see: network members and staff only."""
        event = get_object_or_404(Event.objects.visible_to(request.user), pk=pk)
        participations = PARTICIPATIONS.visible_to(request.user).filter(event=event).order_by("person__family_name")
        page = self.paginate_queryset(participations)
        return self.get_paginated_response(ParticipationSerializer(page, many=True).data)


class ParticipationViewSet(VisibleModelViewSet):
    queryset = PARTICIPATIONS.order_by("event", "person__family_name", "pk")
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilterSet


class DocumentViewSet(VisibleModelViewSet):
    parser_classes = [MultiPartParser]  # a document may carry a file
    queryset = Document.objects.all()
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet


class ThemeViewSet(VisibleReadOnlyViewSet):
    """The themes events are tagged with (``?theme=`` of the event list takes their ids); staff edit them in the
    admin."""

    queryset = Theme.objects.all()
    serializer_class = ThemeSerializer
    permission_classes = [PublicReadStaffWrite]


class ProgrammeViewSet(VisibleReadOnlyViewSet):
    """The programmes events run under (``?programme=`` of the event list takes their ids); staff edit them in the
    admin."""

    queryset = Programme.objects.all()
    serializer_class = ProgrammeSerializer
    permission_classes = [PublicReadStaffWrite]


class InstrumentViewSet(VisibleReadOnlyViewSet):
    """The legal instruments events refer to and countries join (``?instrument=`` of the treaty status list takes
    their ids); ``code`` stays the same when staff rename one. Staff edit them in the admin."""

    queryset = Instrument.objects.order_by(*Instrument._meta.ordering, "pk")
    serializer_class = InstrumentSerializer
    permission_classes = [PublicReadStaffWrite]


class TreatyStatusViewSet(VisibleReadOnlyViewSet):
    """Which countries have ratified, acceded to, ... or only signed which instruments, as public record: anyone
    reads it. Rows with ``demo`` true were entered for the demo and are not checked. Staff enter them in the admin."""

    queryset = TreatyStatus.objects.select_related("instrument").order_by(*TreatyStatus._meta.ordering)
    serializer_class = TreatyStatusSerializer
    filterset_class = TreatyStatusFilterSet
    permission_classes = [PublicReadStaffWrite]


class BilateralTreatyViewSet(VisibleReadOnlyViewSet):
    """Treaties between two countries on mutual legal assistance, extradition, ... The two countries are in
    alphabetical order of their codes (``country_a`` before ``country_b``). Anyone reads them; staff enter them in
    the admin."""

    queryset = BilateralTreaty.objects.order_by(*BilateralTreaty._meta.ordering, "pk")
    serializer_class = BilateralTreatySerializer
    filterset_class = BilateralTreatyFilterSet
    permission_classes = [PublicReadStaffWrite]
