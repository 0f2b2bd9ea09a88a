"""The three roles of the registry, as Django groups, and the questions every visibility rule asks about a user.

Groups are created by ``registry/migrations``; staff decide who joins them. A national coordinator is also a network
member. Superusers count as IOM staff.
"""

from django.contrib.auth.models import AnonymousUser, User

IOM_STAFF = "IOM staff"
NETWORK_MEMBER = "network member"
NATIONAL_COORDINATOR = "national coordinator"
ALL_GROUPS = (IOM_STAFF, NETWORK_MEMBER, NATIONAL_COORDINATOR)

UserLike = User | AnonymousUser


def group_names(user: UserLike) -> frozenset[str]:
    """The user's registry groups, read once per user object (visibility checks ask many times per request)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_registry_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ALL_GROUPS).values_list("name", flat=True))
        user._registry_group_names = cached
    return cached


def is_iom_staff(user: UserLike) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser) or IOM_STAFF in group_names(user)


def is_national_coordinator(user: UserLike) -> bool:
    return NATIONAL_COORDINATOR in group_names(user)


def is_network_member(user: UserLike) -> bool:
    """Network members, coordinators and staff may all read the directory."""
    return bool(group_names(user)) or is_iom_staff(user)


def coordinated_country(user: UserLike) -> str | None:
    """The ISO code of the country whose follow-ups this coordinator edits, or None."""
    if not is_national_coordinator(user):
        return None
    person = getattr(user, "person", None)
    return person.country.code if person and person.country else None


def primary_role(user: UserLike) -> str | None:
    """The strongest role of the user, as ``/api/v1/me/`` reports it."""
    if is_iom_staff(user):
        return "iom_staff"
    if is_national_coordinator(user):
        return "national_coordinator"
    if is_network_member(user):
        return "network_member"
    return None


def staff_addresses() -> list[str]:
    """The e-mail addresses of active IOM staff and superusers: where staff alerts go."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    users = get_user_model().objects.filter(Q(groups__name=IOM_STAFF) | Q(is_superuser=True), is_active=True)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))
