"""What every API viewset and write serializer of the registry has in common."""

import copy

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings

from core import roles


class VisibleQuerySetMixin:
    """Lists and details start from ``Model.objects.visible_to(user)``: a row outside it answers 404.

    ``queryset`` on the view holds the joins and prefetches of the list; visibility is applied per request.
    """

    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "This record is still referred to by others and cannot be deleted."
    default_code = "conflict"


class VisibleModelViewSet(VisibleQuerySetMixin, viewsets.ModelViewSet):
    """List, retrieve and, by the default permission, staff-only create, update and delete."""

    def perform_destroy(self, instance) -> None:
        try:
            instance.delete()
        except ProtectedError as error:
            referring = sorted({obj._meta.verbose_name_plural for obj in error.protected_objects})
            raise Conflict(f"Still referred to by {', '.join(map(str, referring))}; remove those first.") from error


class VisibleReadOnlyViewSet(VisibleQuerySetMixin, viewsets.ReadOnlyModelViewSet):
    """List and retrieve only."""


class ModelValidatedSerializer(serializers.ModelSerializer):
    """Run the model's own validation (``full_clean``: field validators, ``clean()`` and database constraints) before
    a write, so the API refuses exactly what the admin refuses, with a 400 instead of an integrity error."""

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        many_to_many = {field.name for field in model._meta.many_to_many}
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(instance, name, value)
        exposed = {field.source for field in self.fields.values()}
        not_exposed = [field.name for field in model._meta.concrete_fields if field.name not in exposed]
        try:
            instance.full_clean(exclude=not_exposed)
        except DjangoValidationError as error:
            raise serializers.ValidationError(as_serializer_errors(error)) from error
        return attrs


def as_serializer_errors(error: DjangoValidationError) -> dict | list:
    """Django's errors in DRF's shape: per field, and ``non_field_errors`` for errors of the whole object."""
    detail = get_error_detail(error)
    if isinstance(detail, dict) and NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    return detail


class StaffOnlyFieldsMixin:
    """Fields named in ``Meta.staff_only_fields`` reach IOM staff only, in reads and writes alike.

    The schema shows them (as optional), since it documents what staff receive.
    """

    def get_fields(self) -> dict:
        fields = super().get_fields()
        if not self.viewer_is_staff():
            for name in self.Meta.staff_only_fields:
                fields.pop(name, None)
        return fields

    def viewer_is_staff(self) -> bool:
        if getattr(self.context.get("view"), "swagger_fake_view", False):
            return True
        request = self.context.get("request")
        return request is not None and roles.is_iom_staff(request.user)
