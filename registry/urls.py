from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

admin.site.site_header = _("Cooperation registry")
admin.site.site_title = _("Cooperation registry")
admin.site.index_title = _("Data entry")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("registry.api.urls")),
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
]
