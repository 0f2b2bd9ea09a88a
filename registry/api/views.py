"""Endpoints about the caller (``me``, their token) and per-country summaries."""

from django.db import transaction
from django.http import Http404
from django_countries import countries
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core import roles
from core.api.throttles import LoginThrottle
from registry.countries import country_summaries, country_summary

from .serializers import CountryDetailSerializer, CountrySummarySerializer, MeSerializer, TokenSerializer


class TokenLoginView(ObtainAuthToken):
    """Exchange a user name and password for the user's API token (created on first use)."""

    throttle_classes = [LoginThrottle]


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


class MyTokenView(APIView):
    """My API token: see it, or rotate it (the old one stops working at once)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: TokenSerializer, 404: None})
    def get(self, request):
        token = Token.objects.filter(user=request.user).first()
        if token is None:
            raise Http404("You have no token yet: POST here to create one.")
        return Response(TokenSerializer(token).data)

    @extend_schema(request=None, responses={201: TokenSerializer})
    def post(self, request):
        with transaction.atomic():
            Token.objects.filter(user=request.user).delete()
            token = Token.objects.create(user=request.user)
        return Response(TokenSerializer(token).data, status=status.HTTP_201_CREATED)


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
