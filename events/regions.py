"""Regional groupings that staff pick to fill in an event's participating countries in one step.

Memberships as of 2025 (ECOWAS without Burkina Faso, Mali and Niger, who left in January 2025). A preset only adds
countries to the selection: staff remove those that did not attend.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Region:
    key: str
    name: str
    codes: tuple[str, ...]


REGIONS = (
    Region(
        "au",
        _("African Union"),
        (
            "DZ", "AO", "BJ", "BW", "BF", "BI", "CV", "CM", "CF", "TD", "KM", "CG", "CD", "CI", "DJ", "EG", "GQ",
            "ER", "SZ", "ET", "GA", "GM", "GH", "GN", "GW", "KE", "LS", "LR", "LY", "MG", "MW", "ML", "MR", "MU",
            "MA", "MZ", "NA", "NE", "NG", "RW", "EH", "ST", "SN", "SC", "SL", "SO", "ZA", "SS", "SD", "TZ", "TG",
            "TN", "UG", "ZM", "ZW",
        ),
    ),
    Region(
        "arab_league",
        _("Arab League"),
        (
            "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO",
            "SD", "SY", "TN", "AE", "YE",
        ),
    ),
    Region(
        "eu",
        _("European Union"),
        (
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
            "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
        ),
    ),
    Region("gcc", _("Gulf Cooperation Council (GCC)"), ("BH", "KW", "OM", "QA", "SA", "AE")),
    Region(
        "sadc",
        _("Southern African Development Community (SADC)"),
        ("AO", "BW", "KM", "CD", "SZ", "LS", "MG", "MW", "MU", "MZ", "NA", "SC", "ZA", "TZ", "ZM", "ZW"),
    ),
    Region(
        "ecowas",
        _("Economic Community of West African States (ECOWAS)"),
        ("BJ", "CV", "CI", "GM", "GH", "GN", "GW", "LR", "NG", "SN", "SL", "TG"),
    ),
    Region("eac", _("East African Community (EAC)"), ("BI", "CD", "KE", "RW", "SO", "SS", "TZ", "UG")),
    Region(
        "romena",
        _("Middle East and North Africa (UNODC ROMENA)"),
        (
            "DZ", "BH", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "OM", "PS", "QA", "SA", "SD", "SY", "TN", "AE",
            "YE",
        ),
    ),
    Region(
        "igad", _("Intergovernmental Authority on Development (IGAD)"), ("DJ", "ER", "ET", "KE", "SO", "SS", "SD", "UG")
    ),
)  # fmt: skip
BY_KEY = {region.key: region for region in REGIONS}


def region_choices() -> list[tuple[str, str]]:
    return [(region.key, f"{region.name} ({len(region.codes)})") for region in REGIONS]
