"""The two-factor page tells each user what applies to them."""

from django.urls import reverse

from tests.signin import sign_in_with_second_factor


def test_staff_are_not_offered_to_turn_two_factor_off(client, staff):
    sign_in_with_second_factor(client, staff)
    page = client.get(reverse("two_factor:profile")).content.decode()
    assert reverse("two_factor:disable") not in page
    assert "ask a superuser to reset it" in page


def test_members_with_two_factor_may_turn_it_off(client, member_ke):
    sign_in_with_second_factor(client, member_ke)
    assert reverse("two_factor:disable") in client.get(reverse("two_factor:profile")).content.decode()


def test_members_without_it_are_offered_to_turn_it_on(client, member_ke):
    client.force_login(member_ke)
    assert reverse("two_factor:setup") in client.get(reverse("two_factor:profile")).content.decode()
