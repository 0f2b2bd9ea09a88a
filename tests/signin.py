"""Signing in as the login wizard would, for tests that are not about signing in."""

import time

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import sessions


def sign_in_with_second_factor(client, user) -> TOTPDevice:
    """Log ``user`` in as the login wizard leaves a session after a right TOTP code (staff need it for anything)."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="default", defaults={"confirmed": True})
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    # As after the first request, so that pages measured for queries do not also count the session's first save.
    session[sessions.STARTED] = session[sessions.LAST_SEEN] = time.time()
    session.ip, session.user_agent = "127.0.0.1", ""  # what qsessions records for the test client's requests
    session.save()
    return device


PASSWORD = "correct horse battery staple"  # every UserFactory user's
WIZARD = "login_view-current_step"  # the login wizard's step field (django-formtools names it after the view)


def totp_code(device: TOTPDevice, steps: int = 0) -> str:
    """The code an authenticator app shows now (or ``steps`` periods of 30 s away) for ``device``'s secret."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps * device.step
    return f"{totp.token():0{device.digits}d}"


def post_password(client, username: str, password: str = PASSWORD, **extra):
    """The first step of the login page: user name and password."""
    data = {WIZARD: "auth", "auth-username": username, "auth-password": password}
    return client.post(reverse("login"), data, **extra)


def post_code(client, code: str, **extra):
    """The second step of the login page: the code of the authenticator app."""
    return client.post(reverse("login"), {WIZARD: "token", "token-otp_token": code}, **extra)
