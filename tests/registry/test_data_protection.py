"""The staff data protection page: figures and retention settings, no personal data."""

from datetime import date, timedelta

from django.urls import reverse

from tests.factories import CorrectionFactory, ErasureRequestFactory, PersonFactory
from tests.signin import sign_in_with_second_factor


def test_staff_see_counts_and_no_names(client, staff, member_ke):
    PersonFactory(legal_basis="consent", consent_recorded_on=date(2025, 1, 1), last_verified_on=date.today())
    verified_long_ago = PersonFactory(family_name="Zzverified", last_verified_on=date.today() - timedelta(days=800))
    CorrectionFactory(person=verified_long_ago)
    ErasureRequestFactory(person=verified_long_ago)
    sign_in_with_second_factor(client, staff)
    page = client.get(reverse("data_protection")).content.decode()
    assert "Consent of the person</th><td>1</td>" in page
    assert "more than two years ago</th><td>1</td>" in page
    assert "contact look-ups</th><td>730 days</td>" in page
    assert "corrections waiting for staff</th><td>1</td>" in page
    assert "erasure requests not handled yet</th><td>1</td>" in page
    assert "Zzverified" not in page and "@example.org" not in page


def test_members_may_not_see_it(client, member_ke):
    client.force_login(member_ke)
    assert client.get(reverse("data_protection")).status_code == 403
