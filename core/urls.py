"""The account pages (``account:``) and the two-factor pages (``two_factor:``, the names django-two-factor-auth's
templates use). registry/urls.py mounts both under /accounts/, with the sign-in and password pages."""

from django.urls import path
from two_factor import views as two_factor_views

from . import two_factor, views

app_name = "account"
urlpatterns = [
    path("", views.account, name="overview"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke_own_token, name="revoke_token"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/end/", views.end_session, name="end_session"),
]

two_factor_urlpatterns = (
    [
        path("", two_factor.ProfileView.as_view(), name="profile"),
        path("setup/", two_factor.SetupView.as_view(), name="setup"),
        path("setup/qrcode/", two_factor_views.QRGeneratorView.as_view(), name="qr"),
        path("setup/complete/", two_factor_views.SetupCompleteView.as_view(), name="setup_complete"),
        path("backup-codes/", two_factor.BackupTokensView.as_view(), name="backup_tokens"),
        path("disable/", two_factor.DisableView.as_view(), name="disable"),
    ],
    "two_factor",
)
