from django.utils.translation import gettext as _
from rest_framework.exceptions import PermissionDenied, Throttled
from rest_framework.response import Response

from core.api.base import VisibleModelViewSet

from ..choices import LookupAction
from ..filters import FocalPointFilterSet, OrganizationFilterSet, PersonFilterSet
from ..models import FocalPoint, Organization, Person
from ..reads import ReadBudgetExceeded, read_contact
from ..services import log_login_changes
from .serializers import FocalPointSerializer, OrganizationSerializer, PersonListSerializer, PersonSerializer


class OrganizationViewSet(VisibleModelViewSet):
    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet


class PersonViewSet(VisibleModelViewSet):
    queryset = Person.objects.select_related("organization").prefetch_related("roles", "expertise", "languages")
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet

    def get_serializer_class(self):
        return PersonListSerializer if self.action == "list" else PersonSerializer

    def retrieve(self, request, *args, **kwargs):
        """One person with their contact details: the read is logged and counted against the caller's budget."""
        person = self.get_object()
        token_name = getattr(request.auth, "name", "")
        try:
            read_contact(request.user, person, LookupAction.API, token_name=token_name)
        except ReadBudgetExceeded as refusal:
            raise Throttled(wait=refusal.retry_after, detail=str(refusal)) from refusal
        return Response(self.get_serializer(person).data)

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
