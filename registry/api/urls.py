"""The one router of API v1 (mounted at /api/v1/), with the schema and its interactive docs."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from contacts.api.views import FocalPointViewSet, OrganizationViewSet, PersonViewSet
from events.api.views import (
    BilateralTreatyViewSet,
    DocumentViewSet,
    EventViewSet,
    InstrumentViewSet,
    ParticipationViewSet,
    ProgrammeViewSet,
    ThemeViewSet,
    TreatyStatusViewSet,
)
from recommendations.api.views import FollowUpViewSet, RecommendationViewSet, ReminderViewSet

from ..guide import api_guide
from .views import CountryViewSet, MeView, MyTokenViewSet, TokenLoginView, not_found

router = DefaultRouter()
router.register("organizations", OrganizationViewSet)
router.register("people", PersonViewSet)
router.register("focal-points", FocalPointViewSet)
router.register("events", EventViewSet)
router.register("participations", ParticipationViewSet)
router.register("documents", DocumentViewSet)
router.register("themes", ThemeViewSet)
router.register("programmes", ProgrammeViewSet)
router.register("instruments", InstrumentViewSet)
router.register("treaty-status", TreatyStatusViewSet)
router.register("bilateral-treaties", BilateralTreatyViewSet)
router.register("recommendations", RecommendationViewSet)
router.register("follow-ups", FollowUpViewSet)
router.register("reminders", ReminderViewSet)
router.register("countries", CountryViewSet, basename="country")
router.register("me/tokens", MyTokenViewSet, basename="my-token")

app_name = "api"
urlpatterns = [
    path("auth/token/", TokenLoginView.as_view(), name="token-login"),
    path("me/", MeView.as_view(), name="me"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("guide/", api_guide, name="guide"),
    *router.urls,
    re_path(r"", not_found),  # JSON, not Django's HTML page, for any other address under /api/v1/
]
