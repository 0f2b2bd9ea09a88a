from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Cooperation registry")
admin.site.site_title = _("Cooperation registry")
admin.site.index_title = _("Data entry")

urlpatterns = [
    path("", views.home, name="home"),
    path("countries/<str:code>/", views.country_profile, name="country"),
    re_path(
        r"^countries/(?P<code>\w+)/directory\.(?P<file_format>csv|xlsx)$",
        views.country_directory_export,
        name="country_directory_export",
    ),
    path("", include("contacts.urls")),
    path("events/", include("events.urls")),
    path("", include("recommendations.urls")),
    path("accounts/", include("django.contrib.auth.urls")),  # login, logout, password change and reset
    path("i18n/", include("django.conf.urls.i18n")),  # the language switcher posts to set_language
    path("admin/", admin.site.urls),
    path("api/v1/", include("registry.api.urls")),
]
