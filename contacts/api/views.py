from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied

from core.api.base import VisibleModelViewSet

from ..filters import FocalPointFilterSet, OrganizationFilterSet, PersonFilterSet
from ..models import FocalPoint, Organization, Person
from ..services import log_login_changes
from .serializers import FocalPointSerializer, OrganizationSerializer, PersonSerializer


class OrganizationViewSet(VisibleModelViewSet):
    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet


class PersonViewSet(VisibleModelViewSet):
    queryset = Person.objects.select_related("organization").prefetch_related("roles", "expertise", "languages")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet

    def perform_update(self, serializer) -> None:
        person = serializer.instance
        old_country, old_user_id = person.country.code, person.user_id
        new_country = serializer.validated_data.get("country", old_country)
        if new_country != old_country and person.country_is_fixed_for(self.request.user):
            raise PermissionDenied(_("Only a superuser may change the country of a person linked to a login."))
        serializer.save()
        log_login_changes(
            person,
            old_country=old_country,
            old_user_id=old_user_id,
            actor=self.request.user,
            request=self.request._request,
        )


class FocalPointViewSet(VisibleModelViewSet):
    queryset = FocalPoint.objects.select_related("person", "organization").prefetch_related(
        "request_languages", "channels"
    )
    serializer_class = FocalPointSerializer
    filterset_class = FocalPointFilterSet
