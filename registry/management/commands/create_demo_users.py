import os
from base64 import b32encode

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from contacts.models import Person
from core.roles import IOM_STAFF, NATIONAL_COORDINATOR, NETWORK_MEMBER

# user name, groups, is_staff, e-mail of the demo person the login belongs to (see registry/demo_data.py)
DEMO_USERS = [
    ("demo-staff", [IOM_STAFF], True, "nour.example@example.org"),
    ("demo-member", [NETWORK_MEMBER], False, "otieno.odhiambo@example.org"),
    ("demo-coordinator-eg", [NETWORK_MEMBER, NATIONAL_COORDINATOR], False, "mohamed.abdelfattah@example.org"),
    ("demo-coordinator-ma", [NETWORK_MEMBER, NATIONAL_COORDINATOR], False, "mohammed.benjelloun@example.org"),
]


class Command(BaseCommand):
    help = (
        "Create one demo login per role, linked to a fictional person of the demo data. Development only: refuses "
        "when DJANGO_DEBUG is false. The password is DEMO_PASSWORD, or 'registry-demo'. Existing users are left "
        "as they are."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo users are for development only; DJANGO_DEBUG is false, so none was created.")
        people = {p.email: p for p in Person.objects.filter(email__in=[email for *_, email in DEMO_USERS])}
        missing = [email for *_, email in DEMO_USERS if email not in people]
        if missing:
            raise CommandError(f"The demo people are missing ({', '.join(missing)}): run load_demo first.")
        password = os.environ.get("DEMO_PASSWORD", "registry-demo")
        with transaction.atomic():
            created = [
                self.create(name, groups, is_staff, people[email], password)
                for name, groups, is_staff, email in DEMO_USERS
            ]
        if not any(created):
            self.stdout.write("Demo users already exist; nothing changed.")
            return
        self.stdout.write(f"{'user':22} {'role':40} password")
        for (name, groups, _staff, _email), was_created in zip(DEMO_USERS, created, strict=True):
            if was_created:
                self.stdout.write(f"{name:22} {' + '.join(groups):40} {password}")
        self.describe_staff_device()

    def describe_staff_device(self) -> None:
        """Staff sign in with a TOTP code: print the demo staff's secret, to add to an authenticator app."""
        device = TOTPDevice.objects.filter(user__username="demo-staff", name="default").first()
        if device is None:
            return
        secret = b32encode(device.bin_key).decode()
        self.stdout.write(
            f"\ndemo-staff signs in with a code too. Add this secret to an authenticator app: {secret}\n"
            f"(or print the current code with: oathtool --totp -b {secret})"
        )

    def create(self, username: str, groups: list[str], is_staff: bool, person: Person, password: str) -> bool:
        if User.objects.filter(username=username).exists():
            return False
        user = User.objects.create_user(username, email=person.email, password=password, is_staff=is_staff)
        user.first_name, user.last_name = person.given_name, person.family_name
        user.save(update_fields=["first_name", "last_name"])
        user.groups.set(Group.objects.filter(name__in=groups))
        if person.user_id is None:
            person.user = user
            person.save(update_fields=["user"])
        if is_staff:
            TOTPDevice.objects.create(user=user, name="default", confirmed=True)
        return True
