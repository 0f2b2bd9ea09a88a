"""Who sees whom: the visibility QuerySets of the directory, for each member of the cast."""

import pytest

from contacts.choices import Visibility
from contacts.models import FocalPoint, LookupLog, Organization, Person
from tests.factories import FocalPointFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

CAST = ["anonymous", "member_ke", "coordinator_eg", "coordinator_ma", "staff"]


@pytest.fixture
def listed_people():
    return {visibility: PersonFactory(visibility=visibility) for visibility in Visibility.values}


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", set()),
        ("member_ke", {Visibility.NETWORK}),
        ("coordinator_eg", {Visibility.NETWORK}),
        ("coordinator_ma", {Visibility.NETWORK}),
        ("staff", {Visibility.NETWORK, Visibility.STAFF, Visibility.UNLISTED}),
    ],
)
def test_person_visibility_by_role(request, listed_people, who, expected):
    user = request.getfixturevalue(who)
    others = Person.objects.visible_to(user).exclude(user__isnull=False)
    assert set(others.values_list("visibility", flat=True)) == expected


def test_member_sees_own_person_even_when_staff_only(member_ke):
    own = member_ke.person
    own.visibility = Visibility.STAFF
    own.save()
    assert Person.objects.visible_to(member_ke).filter(pk=own.pk).exists()


def test_inactive_user_sees_nobody(member_ke, listed_people):
    member_ke.is_active = False
    member_ke.save()
    assert not Person.objects.visible_to(member_ke).exists()


def test_logged_in_user_without_a_group_sees_nobody(listed_people):
    from tests.factories import UserFactory

    assert not Person.objects.visible_to(UserFactory()).exists()


def test_superuser_counts_as_staff(listed_people):
    from tests.factories import UserFactory

    root = UserFactory(is_superuser=True, is_staff=True)
    assert Person.objects.visible_to(root).count() == 3


@pytest.mark.parametrize("who", CAST)
def test_focal_point_of_a_hidden_person_is_hidden_from_non_staff(request, who):
    user = request.getfixturevalue(who)
    hidden = FocalPointFactory(person=PersonFactory(visibility=Visibility.STAFF))
    shown = FocalPointFactory(person=PersonFactory(visibility=Visibility.NETWORK))
    office_only = FocalPointFactory(person=None, organization=OrganizationFactory())
    visible = set(FocalPoint.objects.visible_to(user))
    if who == "anonymous":
        assert visible == set()
    elif who == "staff":
        assert visible == {hidden, shown, office_only}
    else:
        assert visible == {shown, office_only}


@pytest.mark.parametrize("who", CAST)
def test_inactive_organisations_are_shown_to_staff_only(request, who):
    user = request.getfixturevalue(who)
    active, closed = OrganizationFactory(), OrganizationFactory(active=False)
    visible = set(Organization.objects.visible_to(user).filter(pk__in=[active.pk, closed.pk]))
    assert visible == ({active, closed} if who == "staff" else {active})


@pytest.mark.parametrize("who", CAST)
def test_only_staff_read_the_lookup_log(request, who, member_ke):
    LookupLog.objects.create(viewer=member_ke, person=PersonFactory(), action="viewed")
    user = request.getfixturevalue(who)
    assert LookupLog.objects.visible_to(user).count() == (1 if who == "staff" else 0)


def test_visibility_is_decided_with_one_query_per_request(member_ke, listed_people, django_assert_num_queries):
    member_ke = type(member_ke).objects.get(pk=member_ke.pk)  # fresh object: group names not yet read
    with django_assert_num_queries(3):  # the user's groups, read once; then the people, twice
        list(Person.objects.visible_to(member_ke))
        list(Person.objects.visible_to(member_ke))
