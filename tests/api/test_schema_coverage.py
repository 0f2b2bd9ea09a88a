"""Schemathesis's coverage phase, per role: every boundary value of every parameter and body field, valid and not.
It takes minutes per role, so `make test` leaves it out (the ``schema_coverage`` marker); `make test-schema` runs it,
and CI runs it for the four roles, two at a time."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from registry.wsgi import application
from tests.api.conformance import CHECKS

pytestmark = pytest.mark.schema_coverage

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
schema.config.phases.update(phases=["coverage"])
COVERAGE = settings(deadline=None, suppress_health_check=list(HealthCheck))


@schema.parametrize()
@COVERAGE
@pytest.mark.django_db(transaction=False)
def test_every_boundary_as_staff(case, world, staff, token_for):
    case.call_and_validate(headers=token_for(staff), checks=CHECKS)


@schema.parametrize()
@COVERAGE
@pytest.mark.django_db(transaction=False)
def test_every_boundary_as_a_network_member(case, world, member_ke, token_for):
    case.call_and_validate(headers=token_for(member_ke), checks=CHECKS)


@schema.parametrize()
@COVERAGE
@pytest.mark.django_db(transaction=False)
def test_every_boundary_as_a_national_coordinator(case, world, coordinator_eg, token_for):
    case.call_and_validate(headers=token_for(coordinator_eg), checks=CHECKS)


@schema.parametrize()
@COVERAGE
@pytest.mark.django_db(transaction=False)
def test_every_boundary_as_an_anonymous_visitor(case, world, keep_db_connection):
    case.call_and_validate(checks=CHECKS)
