"""Treaty status read across countries: the legal bases two countries share, and a country's treaties for its page.

A country is a *party* to an instrument once it has ratified, acceded to, accepted or approved it, or succeeded to
it (``PARTY_ACTIONS``); a signature alone is not, so an instrument one of the two has only signed is not a shared
legal basis: it is listed apart, under ``signed_only``, for the pages to show as such.
"""

from dataclasses import dataclass, field

from django.db.models import F
from django.urls import NoReverseMatch, reverse

from core import roles

from .models import BilateralTreaty, Instrument, TreatyStatus, in_order


@dataclass
class SharedInstrument:
    """An instrument both countries stand under, with each one's status (``first`` is the first code asked for)."""

    instrument: Instrument
    first: TreatyStatus
    second: TreatyStatus


@dataclass
class LegalBases:
    """What two countries can base a request on: the multilateral instruments both are party to, their bilateral
    treaties, and (apart) the instruments both have at least signed but one of them is not party to yet."""

    shared: list[SharedInstrument] = field(default_factory=list)
    bilateral: list[BilateralTreaty] = field(default_factory=list)
    signed_only: list[SharedInstrument] = field(default_factory=list)

    @property
    def any_demo(self) -> bool:
        rows = [*self.bilateral, *(s for pair in self.shared + self.signed_only for s in (pair.first, pair.second))]
        return any(row.demo for row in rows)


def legal_bases_between(a: str, b: str, user: roles.UserLike = None) -> LegalBases:
    """The legal bases between countries ``a`` and ``b`` (ISO codes), as ``user`` may see them, the instruments in
    order of adoption. Two queries."""
    a, b = str(a).upper(), str(b).upper()
    statuses = (
        TreatyStatus.objects.visible_to(user)
        .filter(country__in=[a, b])
        .select_related("instrument")
        .order_by(F("instrument__adopted_on").asc(nulls_last=True), "instrument_id")
    )
    by_instrument: dict[int, dict[str, TreatyStatus]] = {}
    for status in statuses:
        by_instrument.setdefault(status.instrument_id, {})[status.country.code] = status
    bases = LegalBases(bilateral=list(BilateralTreaty.objects.visible_to(user).between(a, b)))
    if a == b:
        return bases
    for pair in by_instrument.values():
        if a in pair and b in pair:
            joined = SharedInstrument(pair[a].instrument, pair[a], pair[b])
            (bases.shared if pair[a].is_party and pair[b].is_party else bases.signed_only).append(joined)
    return bases


def pair_path(a: str, b: str) -> str:
    """The address of the page of two countries (``country_pair``), in canonical order; the plain path while that
    page is not routed yet."""
    first, second = in_order(a, b)
    try:
        return reverse("country_pair", args=(first, second))
    except NoReverseMatch:
        return f"/countries/{first}/{second}/"


def country_treaties(user: roles.UserLike, code: str) -> dict:
    """The "Treaties" section of a country's page: its status under each instrument and its bilateral treaties,
    each with the other country and the address of the pair's page. Two queries, however many rows."""
    statuses = TreatyStatus.objects.visible_to(user).of_country(code).select_related("instrument")
    treaties = []
    for treaty in BilateralTreaty.objects.visible_to(user).of_country(code).order_by("signed_on", "title"):
        other = treaty.other_country(code)
        treaties.append({"treaty": treaty, "other": other, "pair_path": pair_path(code, other.code)})
    statuses = list(statuses)
    return {
        "statuses": statuses,
        "bilateral": treaties,
        "any_demo": any(row.demo for row in statuses) or any(row["treaty"].demo for row in treaties),
    }
