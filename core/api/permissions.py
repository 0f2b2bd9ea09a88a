"""Who may call which API method. Which rows they see is decided by the models' ``visible_to`` QuerySets."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core import roles


class MembersReadStaffWrite(BasePermission):
    """Reading needs a registry role (network member, coordinator or staff); writing needs IOM staff."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return roles.is_network_member(request.user)
        return roles.is_iom_staff(request.user)


class PublicReadStaffWrite(BasePermission):
    """Anyone reads, anonymous visitors included (the QuerySets still decide what); IOM staff write."""

    anonymous_reads = True  # the schema says so (core.api.schema.AutoSchema)

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or roles.is_iom_staff(request.user)


class StaffOnly(BasePermission):
    def has_permission(self, request, view) -> bool:
        return roles.is_iom_staff(request.user)


class NetworkMembers(BasePermission):
    """Any registry role, for reads and writes; the view decides which rows a write may touch."""

    def has_permission(self, request, view) -> bool:
        return roles.is_network_member(request.user)
