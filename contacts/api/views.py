from core.api.base import VisibleModelViewSet

from ..filters import FocalPointFilterSet, OrganizationFilterSet, PersonFilterSet
from ..models import FocalPoint, Organization, Person
from .serializers import FocalPointSerializer, OrganizationSerializer, PersonSerializer


class OrganizationViewSet(VisibleModelViewSet):
    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet


class PersonViewSet(VisibleModelViewSet):
    queryset = Person.objects.select_related("organization").prefetch_related("roles", "expertise", "languages")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet


class FocalPointViewSet(VisibleModelViewSet):
    queryset = FocalPoint.objects.select_related("person", "organization").prefetch_related(
        "request_languages", "channels"
    )
    serializer_class = FocalPointSerializer
    filterset_class = FocalPointFilterSet
