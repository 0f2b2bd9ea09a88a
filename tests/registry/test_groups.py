"""The data migration creates the three role groups with the right model permissions."""

import pytest
from django.contrib.auth.models import Group

from core.roles import IOM_STAFF, NATIONAL_COORDINATOR, NETWORK_MEMBER

pytestmark = pytest.mark.django_db


def codenames(group_name: str) -> set[str]:
    return set(Group.objects.get(name=group_name).permissions.values_list("codename", flat=True))


def test_staff_edit_every_record_but_append_only_logs():
    perms = codenames(IOM_STAFF)
    for model in ("event", "person", "organization", "focalpoint", "followup", "recommendation", "participation"):
        assert {f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"} <= perms
    assert "view_lookuplog" in perms and not {"change_lookuplog", "delete_lookuplog"} & perms
    assert "view_progressupdate" in perms and "change_progressupdate" not in perms
    assert "delete_reminder" not in perms
    assert "view_historicalperson" in perms and "change_historicalperson" not in perms
    assert "change_role" not in perms and "view_role" in perms


def test_network_members_only_read():
    perms = codenames(NETWORK_MEMBER)
    assert {"view_person", "view_event", "view_focalpoint", "view_followup"} <= perms
    assert not any(p.startswith(("add_", "change_", "delete_")) for p in perms)
    assert "view_lookuplog" not in perms and "view_reminder" not in perms


def test_coordinators_also_record_progress():
    perms = codenames(NATIONAL_COORDINATOR)
    assert codenames(NETWORK_MEMBER) <= perms
    assert {"add_progressupdate", "change_followup"} <= perms
    assert "change_person" not in perms
