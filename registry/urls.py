from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from two_factor.admin import AdminSiteOTPRequired

from core import timing
from core import two_factor as core_two_factor
from core import views as account_views
from core.autocomplete import ModelAdminAutocompleteMixin
from core.urls import two_factor_urlpatterns

from . import briefing_views, files, views


class RegistryAdminSite(ModelAdminAutocompleteMixin, AdminSiteOTPRequired):
    """The admin opens only to staff who have passed the second factor in this session; a model admin may answer the
    autocompletes of its own model (``core.autocomplete``)."""


admin.site.__class__ = RegistryAdminSite
admin.site.site_header = _("Cooperation registry")
admin.site.site_title = _("Cooperation registry")
admin.site.index_title = _("Data entry")

urlpatterns = [
    path("", views.home, name="home"),
    path("countries/", views.country_list, name="countries"),
    path("countries/<str:code>/", views.country_profile, name="country"),
    path("countries/<str:code>/mandates/<str:mandate>/", views.country_mandate_history, name="country_mandate_history"),
    path("countries/<str:code>/work-with/", views.country_pair_pick, name="country_pair_pick"),
    path("countries/<str:code>/<str:other>/", views.country_pair, name="country_pair"),
    re_path(
        r"^countries/(?P<code>\w+)/directory\.(?P<file_format>csv|xlsx)$",
        views.country_directory_export,
        name="country_directory_export",
    ),
    re_path(r"^countries/(?P<code>\w+)/directory\.pdf$", views.country_directory_pdf, name="country_directory_pdf"),
    path("", include("contacts.urls")),
    # The briefing packs of an event, before the events app's own pages (registry/briefing_views.py).
    path("events/<int:pk>/briefing/<str:code>/", briefing_views.briefing_pack, name="briefing"),
    path("events/<int:pk>/briefing/<str:code>.pdf", briefing_views.briefing_pack_pdf, name="briefing_pdf"),
    path("events/<int:pk>/briefing.zip", briefing_views.briefing_packs_zip, name="briefing_zip"),
    path("events/", include("events.urls")),
    path("", include("recommendations.urls")),
    # Sign-in with the second factor and the password pages with their security additions (core/), then the rest
    # of Django's account pages (logout, the "done" pages).
    path("accounts/login/", core_two_factor.LoginView.as_view(), name="login"),
    path("accounts/password_change/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/two-factor/", include(two_factor_urlpatterns)),
    path("accounts/me/", include("core.urls")),
    path("files/<path:name>", files.protected_file, name="protected_file"),
    path("staff/data-protection/", views.data_protection, name="data_protection"),
    path("i18n/", include("django.conf.urls.i18n")),  # the language switcher posts to set_language
    path("admin/", admin.site.urls),
    path("api/v1/", include("registry.api.urls")),
]

if settings.BENCHMARK:
    urlpatterns.append(path("bench/hello/", timing.hello))
