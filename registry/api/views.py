"""Endpoints about the caller (``me``, their API tokens, signing in for a token) and per-country summaries."""

from django.contrib.auth import authenticate
from django.http import Http404
from django.utils.translation import gettext as _
from django_countries import countries
from django_otp import match_token, user_has_device
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import APIException, AuthenticationFailed, PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core import roles
from core.api.throttles import LoginThrottle
from core.lockout import count_failure, is_locked, lockout_message
from core.models import ApiToken, SecurityEventKind
from core.tokens import create_token, revoke_token
from core.two_factor import second_factor_required
from registry.countries import country_summaries, country_summary

from .serializers import (
    ApiTokenSerializer,
    CountryDetailSerializer,
    CountrySummarySerializer,
    MeSerializer,
    NewApiTokenSerializer,
    TokenLoginSerializer,
)


class Locked(APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"


class TokenLoginView(APIView):
    """Exchange a user name, a password and, when two-factor authentication is on, a code for a new API token.

    Wrong credentials answer 401 and count toward the lockout (README, "Security"); while locked, every try answers
    429, the right password included.
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [LoginThrottle]

    def get_authenticate_header(self, request) -> str:
        return "Token"  # so that wrong credentials answer 401, as for any API call, rather than 403

    @extend_schema(request=TokenLoginSerializer, responses={201: NewApiTokenSerializer})
    def post(self, request):
        login = TokenLoginSerializer(data=request.data)
        login.is_valid(raise_exception=True)
        http_request, username = request._request, login.validated_data["username"]
        user = authenticate(http_request, username=username, password=login.validated_data["password"])
        if getattr(http_request, "axes_locked_out", False) or is_locked(http_request, username):
            raise Locked(lockout_message())
        if user is None:
            raise AuthenticationFailed(_("The user name or the password is wrong."))
        self.check_second_factor(http_request, user, login.validated_data.get("otp", ""))
        token, key = create_token(user, login.validated_data["name"], request=http_request)
        body = {**NewApiTokenSerializer(token).data, "token": key}
        return Response(body, status=status.HTTP_201_CREATED)

    @staticmethod
    def check_second_factor(http_request, user, code: str) -> None:
        if not (second_factor_required(user) or user_has_device(user)):
            return
        if not user_has_device(user):
            raise PermissionDenied(_("Your account needs two-factor authentication: set it up on the website first."))
        if not code or match_token(user, code.strip()) is None:
            count_failure(http_request, user.get_username(), SecurityEventKind.SECOND_FACTOR_FAILED)
            if getattr(http_request, "axes_locked_out", False):
                raise Locked(lockout_message())
            raise AuthenticationFailed(_("Give the current code of your authenticator app (otp), or a backup code."))


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        """Who I am: user name, strongest role and the country of my directory entry."""
        user = request.user
        person = getattr(user, "person", None)
        me = {
            "username": user.username,
            "get_full_name": user.get_full_name(),
            "role": roles.primary_role(user),
            "country": person.country.code if person and person.country else None,
            "person": person.pk if person else None,
        }
        return Response(MeSerializer(me).data)


class MyTokenViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """My API tokens: list them, create a named one (its key is in that answer only), revoke one. Nobody else's
    tokens are reachable here, staff's and superusers' included."""

    permission_classes = [IsAuthenticated]
    serializer_class = ApiTokenSerializer
    filter_backends = []
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return ApiToken.objects.usable().filter(user=self.request.user)

    @extend_schema(responses={201: NewApiTokenSerializer})
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if is_locked(request._request, request.user.get_username()):
            raise Locked(lockout_message())
        token, key = create_token(request.user, serializer.validated_data["name"], request=request._request)
        return Response({**NewApiTokenSerializer(token).data, "token": key}, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: ApiToken) -> None:
        revoke_token(instance, request=self.request._request)


class CountryViewSet(viewsets.GenericViewSet):
    """Figures per country; anonymous visitors get the figures, network members also the focal points' names."""

    permission_classes = [AllowAny]
    serializer_class = CountryDetailSerializer
    filter_backends = []
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{2}"

    @extend_schema(responses=CountrySummarySerializer(many=True))
    def list(self, request):
        page = self.paginate_queryset(country_summaries(request.user))
        return self.get_paginated_response(CountrySummarySerializer(page, many=True).data)

    @extend_schema(responses=CountryDetailSerializer)
    def retrieve(self, request, code: str):
        code = code.upper()
        if code not in countries:
            raise Http404(f"{code} is not an ISO 3166 country code.")
        return Response(CountryDetailSerializer(country_summary(request.user, code)).data)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@permission_classes([AllowAny])
def not_found(request, *args, **kwargs):
    raise Http404("No such API address. The index of endpoints is at /api/v1/.")
