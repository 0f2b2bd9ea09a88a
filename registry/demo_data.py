"""The demo data: the public facts of the five press releases in ``../shared/seeds/``, plus fictional people.

Events, organisations, programmes, countries and figures are as the seeds state them; where a seed is silent (a
year, which fourteen countries came to Cairo) the field stays empty and ``date_note`` / ``source_note`` say so.
Every person is fictional, with an example.org address and a libphonenumber example number. The follow-ups are demo
assignments, said so in their notes, and so are the treaty status and bilateral treaties (marked demo too).
``load_demo_data`` only creates what is missing, so a second run changes nothing.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import phonenumbers
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django_countries import countries
from unidecode import unidecode

from contacts.choices import LegalBasis, Mandate, OrganizationKind, Visibility
from contacts.models import Channel, Expertise, FocalPoint, Language, Organization, Person, Role
from events.choices import (
    BilateralTreatyKind,
    EventKind,
    EventStatus,
    InstrumentCode,
    OrganizationRole,
    ParticipationRole,
    TreatyAction,
)
from events.models import (
    BilateralTreaty,
    Event,
    EventCountry,
    EventOrganization,
    Instrument,
    MigrationCompactObjective,
    Participation,
    Pillar,
    Programme,
    SustainableDevelopmentGoal,
    Theme,
    TreatyStatus,
    in_order,
)
from recommendations.choices import Category, Priority
from recommendations.models import FollowUp, Recommendation
from recommendations.services import record_progress

DEMO_NOTE = "Demo assignment: not a decision of the symposium. Recorded to show the follow-up tools."

# --- Organisations named by the seeds: key, name, acronym, kind, country, parent key
K = OrganizationKind
ORGANIZATIONS = [
    ("iom", "International Organization for Migration", "IOM", K.INTERNATIONAL_ORGANIZATION, "", None),
    ("iom_eg", "IOM Egypt", "", K.INTERNATIONAL_ORGANIZATION, "EG", "iom"),
    ("iom_dz", "IOM Algeria", "", K.INTERNATIONAL_ORGANIZATION, "DZ", "iom"),
    ("iom_ma", "IOM Morocco", "", K.INTERNATIONAL_ORGANIZATION, "MA", "iom"),
    ("iom_tn", "IOM Tunisia", "", K.INTERNATIONAL_ORGANIZATION, "TN", "iom"),
    ("apa", "African Prosecutors Association", "APA", K.NETWORK, "", None),
    ("opg_eg", "Office of the Prosecutor General of Egypt", "OPG", K.PROSECUTION, "EG", None),
    (
        "nccpim",
        "National Coordinating Committee for Combating and Preventing Illegal Migration and Trafficking in Persons",
        "NCCPIM&TIP",
        K.NATIONAL_COORDINATING_BODY,
        "EG",
        None,
    ),
    ("interpol", "International Criminal Police Organization", "INTERPOL", K.LAW_ENFORCEMENT, "", None),
    ("prm", "U.S. Department of State Bureau of Population, Refugees and Migration", "PRM", K.DONOR, "US", None),
    ("usa", "Government of the United States of America", "", K.DONOR, "US", None),
    ("unodc", "United Nations Office on Drugs and Crime", "UNODC", K.INTERNATIONAL_ORGANIZATION, "", None),
    ("romena", "UNODC Regional Office for the Middle East and North Africa", "ROMENA", K.INTERNATIONAL_ORGANIZATION, "",
     "unodc"),
    ("gov_eg", "Government of Egypt", "", K.OTHER, "EG", None),
    ("eu", "European Union", "EU", K.DONOR, "", None),
    ("mof_eg", "Ministry of Finance", "", K.OTHER, "EG", None),
    ("customs_eg", "Egyptian Customs Authority", "", K.CUSTOMS, "EG", "mof_eg"),
    ("denmark", "Government of the Kingdom of Denmark", "", K.DONOR, "DK", None),
    ("commission_ma", "National Anti-Trafficking Commission", "", K.NATIONAL_COORDINATING_BODY, "MA", None),
    ("committee_tn", "National Counter Trafficking Committee", "", K.NATIONAL_COORDINATING_BODY, "TN", None),
]  # fmt: skip

# --- Programmes: acronym, name, donor keys
PROGRAMMES = [
    ("ARMP", "Africa Regional Migration Program", ["prm"]),
    ("RDPP", "Regional Development and Protection Program", ["eu"]),
    (
        "SPHERE II",
        "Strengthening the Sphere of Protection for Victims of Trafficking and Vulnerable Migrants in Egypt while "
        "Preventing Irregular Migration and Human Trafficking",
        ["denmark"],
    ),
    ("UNODC North Africa", "Dismantling Human Trafficking and Migrant Smuggling Criminal Networks in North Africa",
     ["eu"]),
]  # fmt: skip

INSTRUMENTS = [
    ("UNTOC", "United Nations Convention against Transnational Organized Crime"),
    (
        "Trafficking in Persons Protocol",
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and Children",
    ),
    ("Smuggling of Migrants Protocol", "Protocol against the Smuggling of Migrants by Land, Sea and Air"),
]

# --- The names of themes and instruments in the other site languages (the English one is the key), as UNODC writes
# the instruments' titles. Programmes keep their English titles: they are the names the donors gave them.
TRANSLATED_NAMES = {
    "Digital evidence": {"fr": "Preuves numériques", "ar": "الأدلة الرقمية", "pt": "Provas digitais"},
    "Cybercrime": {"fr": "Cybercriminalité", "ar": "الجريمة السيبرانية", "pt": "Cibercrime"},
    "International judicial cooperation": {
        "fr": "Coopération judiciaire internationale",
        "ar": "التعاون القضائي الدولي",
        "pt": "Cooperação judiciária internacional",
    },
    "Financial investigations": {
        "fr": "Enquêtes financières",
        "ar": "التحقيقات المالية",
        "pt": "Investigações financeiras",
    },
    "Migration data": {"fr": "Données migratoires", "ar": "بيانات الهجرة", "pt": "Dados migratórios"},
    "Counter-smuggling of migrants and goods": {
        "fr": "Lutte contre le trafic illicite de migrants et de marchandises",
        "ar": "مكافحة تهريب المهاجرين والبضائع",
        "pt": "Combate ao tráfico ilícito de migrantes e de mercadorias",
    },
    "United Nations Convention against Transnational Organized Crime": {
        "fr": "Convention des Nations Unies contre la criminalité transnationale organisée",
        "ar": "اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية",
        "pt": "Convenção das Nações Unidas contra a Criminalidade Organizada Transnacional",
    },
    "Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and Children": {
        "fr": "Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes "
        "et des enfants",
        "ar": "بروتوكول منع وقمع ومعاقبة الاتجار بالأشخاص، وبخاصة النساء والأطفال",
        "pt": "Protocolo Relativo à Prevenção, Repressão e Punição do Tráfico de Pessoas, em Especial de Mulheres e "
        "Crianças",
    },
    "Protocol against the Smuggling of Migrants by Land, Sea and Air": {
        "fr": "Protocole contre le trafic illicite de migrants par terre, air et mer",
        "ar": "بروتوكول مكافحة تهريب المهاجرين عن طريق البر والبحر والجو",
        "pt": "Protocolo contra o Tráfico Ilícito de Migrantes por Via Terrestre, Marítima e Aérea",
    },
    "Trafficking in Persons Protocol": {
        "fr": "Protocole relatif à la traite des personnes",
        "ar": "بروتوكول الاتجار بالأشخاص",
        "pt": "Protocolo relativo ao Tráfico de Pessoas",
    },
    "Smuggling of Migrants Protocol": {
        "fr": "Protocole relatif au trafic illicite de migrants",
        "ar": "بروتوكول تهريب المهاجرين",
        "pt": "Protocolo relativo ao Tráfico Ilícito de Migrantes",
    },
}


def translated(field_name: str, english: str) -> dict[str, str]:
    """``{"name_fr": ..., "name_ar": ...}``: the names of ``english`` in the site languages the list knows."""
    names = TRANSLATED_NAMES.get(english, {})
    return {f"{field_name}_{code}": names[code] for code, _name in settings.LANGUAGES if code in names}


@dataclass
class EventFacts:
    key: str
    title: str
    kind: str
    city: str
    host_country: str
    source_note: str
    start_date: date | None = None
    end_date: date | None = None
    date_note: str = ""
    reported_participant_count: int | None = None
    reported_country_count: int | None = None
    countries: list[str] = field(default_factory=list)
    organizations: list[tuple[str, str]] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    pillars: list[str] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    sdg_goals: list[int] = field(default_factory=list)
    gcm_objectives: list[int] = field(default_factory=list)
    previous: str | None = None
    summary: str = ""


R = OrganizationRole
HURGHADA_COUNTRIES = [
    "EG", "MU", "UG", "NA", "MZ", "MA", "AO", "TZ", "ZW", "ZM", "TN", "KE",
    "ZA", "KW", "JO", "LB", "LS", "BH", "QA", "OM", "SA", "NL", "DE",
]  # fmt: skip
SHARM_COUNTRIES = ["DZ", "TD", "EG", "IQ", "CI", "LY", "ML", "MA", "NE", "NG", "SS", "TN"]
SHARM_EU_EXPERTS = ["FR", "GR", "IT", "MT", "ES", "NL"]
ROUNDTABLE_COUNTRIES = ["EG", "MA", "TN"]

EVENTS = [
    EventFacts(
        key="hurghada",
        title="Global Symposium on the Role of Digital Evidence in Combating and Investigating Transnational "
        "Organized Crimes: Human Trafficking and Smuggling of Migrants",
        kind=EventKind.SYMPOSIUM,
        city="Hurghada",
        host_country="EG",
        date_note="Not stated in the press release",
        reported_participant_count=53,
        reported_country_count=22,
        countries=HURGHADA_COUNTRIES,
        organizations=[
            ("iom_eg", R.ORGANISER),
            ("iom_dz", R.ORGANISER),
            ("apa", R.ORGANISER),
            ("opg_eg", R.CO_ORGANISER),
            ("interpol", R.PARTNER),
            ("prm", R.FUNDER),
        ],
        programmes=["ARMP"],
        themes=["Digital evidence", "Cybercrime", "International judicial cooperation"],
        pillars=["prosecution"],
        summary="53 senior prosecutors on obtaining, analysing and using digital evidence against trafficking and "
        "smuggling, with experts from the U.S.A., academia and INTERPOL.",
        source_note="Seed 000 (IOM press release). It says 53 senior prosecutors from 22 countries, then names 23 "
        "(Egypt, Mauritius, Uganda, Namibia, Mozambique, Morocco, Angola, Tanzania, Zimbabwe, Zambia, Tunisia, Kenya, "
        "South Africa, Kuwait, Jordan, Lebanon, Lesotho, Bahrain, Qatar, Oman, Saudi Arabia, the Netherlands, "
        "Germany): all 23 named countries are recorded. The headline names the Africa Prosecutors Association as "
        "co-organiser; the text says the offices of IOM in Egypt and Algeria organised it in collaboration with the "
        "Egyptian Public Prosecution Office. No date is given.",
    ),
    EventFacts(
        key="cairo",
        title="Symposium for Enhancing Knowledge and Cross Border Cooperation among African Prosecutors on "
        "Combating Human Trafficking and Migrant Smuggling",
        kind=EventKind.SYMPOSIUM,
        city="Cairo",
        host_country="EG",
        date_note="Two days in the week before 24 July; year not stated",
        reported_participant_count=20,
        reported_country_count=14,
        organizations=[("iom_eg", R.ORGANISER), ("opg_eg", R.CO_ORGANISER), ("nccpim", R.PARTNER), ("usa", R.FUNDER)],
        themes=["International judicial cooperation", "Digital evidence", "Financial investigations", "Migration data"],
        pillars=["prosecution", "partnership"],
        summary="Twenty prosecutors from fourteen African countries on cross-border cooperation, investigations and "
        "evidence in the digital era, financial investigations and migration data.",
        source_note="Seed 001 (IOM press release dated 24 July, year not stated). It reports twenty prosecutors from "
        "fourteen countries but does not name the countries, so none is recorded.",
    ),
    EventFacts(
        key="sharm",
        title="Inter-Regional Conference on International Cooperation in Criminal Matters related to Investigating "
        "and Prosecuting Trafficking in Persons and Smuggling of Migrants",
        kind=EventKind.CONFERENCE,
        city="Sharm El Sheikh",
        host_country="EG",
        start_date=date(2023, 7, 10),
        end_date=date(2023, 7, 13),
        countries=SHARM_COUNTRIES + SHARM_EU_EXPERTS,
        organizations=[
            ("romena", R.ORGANISER),
            ("romena", R.HOST),
            ("nccpim", R.CO_ORGANISER),
            ("gov_eg", R.HOST),
            ("eu", R.FUNDER),
        ],
        programmes=["UNODC North Africa"],
        themes=["International judicial cooperation"],
        pillars=["prosecution", "partnership"],
        instruments=[short for short, _ in INSTRUMENTS],
        summary="Twelve countries of West and North Africa and the Middle East, with experts of six EU member "
        "states, on international cooperation in criminal matters under UNTOC and its Protocols.",
        source_note="Seed 002 (United Nations in Egypt, distributed by APO Group, 11 July 2023). Participating "
        "countries are the twelve it lists; France, Greece, Italy, Malta, Spain and the Netherlands sent experts.",
    ),
    EventFacts(
        key="roundtable_1",
        title="First Roundtable on the Prosecution Pillar of Combating Trafficking in Persons",
        kind=EventKind.ROUNDTABLE,
        city="",
        host_country="EG",
        date_note="12-14 March; year not stated",
        reported_participant_count=50,
        countries=ROUNDTABLE_COUNTRIES,
        organizations=[("iom_eg", R.ORGANISER), ("eu", R.FUNDER)],
        programmes=["RDPP"],
        pillars=["prosecution"],
        summary="Fifty representatives of the Egyptian, Moroccan and Tunisian governments, with IOM delegations.",
        source_note="Known only from seed 003, the press release of the second roundtable: held 12-14 March in Egypt "
        "(city and year not stated) within RDPP, funded by the European Union. IOM Egypt as organiser is inferred "
        "from the series, not stated.",
    ),
    EventFacts(
        key="rabat",
        title="Roundtable on Exchanging Experiences and Best Practices on Protection to Victims of Trafficking and "
        "Prevention of the Crime",
        kind=EventKind.ROUNDTABLE,
        city="Rabat",
        host_country="MA",
        date_note="16-18 May; year not stated",
        countries=ROUNDTABLE_COUNTRIES,
        organizations=[
            ("iom_eg", R.ORGANISER),
            ("iom_ma", R.CO_ORGANISER),
            ("iom_tn", R.CO_ORGANISER),
            ("nccpim", R.PARTNER),
        ],
        pillars=["protection", "prevention"],
        previous="roundtable_1",
        summary="Second roundtable of Egypt, Morocco and Tunisia, on the protection and prevention pillars; each "
        "delegation concluded with recommendations in line with the 4-Ps approach.",
        source_note="Seed 003 (IOM Egypt). Year not stated. It continues the first roundtable (prosecution pillar).",
    ),
    EventFacts(
        key="customs",
        title="Capacity Building for Egyptian Customs Officials on Counter Smuggling",
        kind=EventKind.TRAINING,
        city="Hurghada",
        host_country="EG",
        start_date=date(2023, 1, 16),
        end_date=date(2023, 1, 19),
        reported_participant_count=27,
        countries=["EG"],
        organizations=[("iom_eg", R.ORGANISER), ("customs_eg", R.PARTNER), ("denmark", R.FUNDER)],
        programmes=["SPHERE II"],
        themes=["Counter-smuggling of migrants and goods"],
        pillars=["prevention"],
        sdg_goals=[3, 10, 16, 17],
        gcm_objectives=[7, 9, 10, 11, 23],
        summary="Four-day training of 27 customs officers of the seaport of Safaga and the airport of Hurghada.",
        source_note="Seed 004 (IOM Egypt).",
    ),
]

# The three recommendations seed 001 lists ("amongst others").
RECOMMENDATIONS = [
    ("R1", "Advocate for the ratification of the relevant international conventions.", Category.RATIFICATION),
    (
        "R2",
        "Conclude bilateral and multilateral agreements to enhance cross-border cooperation.",
        Category.AGREEMENTS,
    ),
    (
        "R3",
        "Establish more time-efficient channels of communication between public prosecution authorities.",
        Category.COMMUNICATION_CHANNELS,
    ),
]
FOLLOW_UP_COUNTRIES = ["EG", "KE", "MA", "TN"]
# Days from today, so the demo always shows overdue, due-soon and later follow-ups.
DUE_IN_DAYS = [-30, -10, 5, 20, 90, 180]


# --- Fictional people. Per country: working languages, then (given, family, other spellings) of the national
# coordinator, of a prosecutor, and optionally of a third contact listed for staff only.
PEOPLE = {
    "EG": ("ar en", ("Mohamed", "Abdel Fattah", "Mohammed Abdelfattah\nمحمد عبد الفتاح"), ("Mina", "Guirguis", "Girgis\nجرجس"), ("Heba", "Soliman", "هبة سليمان")),  # noqa: E501
    "MA": ("ar fr", ("Mohammed", "Benjelloun", "محمد بنجلون"), ("Hélène", "Ait Ouarab", "Helene Ait Ouarab"), ("Youssef", "El Idrissi", "يوسف الإدريسي")),  # noqa: E501
    "TN": ("ar fr", ("Muhammad", "Trabelsi", "Mohamed Trabelsi\nمحمد الطرابلسي"), ("Leïla", "Ben Salah", "Leila Ben Salah"), ("Sami", "Gharbi", "")),  # noqa: E501
    "KE": ("en sw", ("Grace", "Wanjiru", ""), ("Otieno", "Odhiambo", ""), ("Amina", "Hassan", "")),
    "MU": ("en fr", ("Priya", "Ramgoolam-Seeb", ""), ("Jean-Marc", "Lafleur", "")),
    "UG": ("en", ("Sarah", "Nakato", ""), ("Joseph", "Okello", "")),
    "NA": ("en", ("Ndapewa", "Shikongo", ""), ("Pieter", "van Wyk", "")),
    "MZ": ("pt", ("Ana", "Macuácua", "Ana Macuacua"), ("Carlos", "Sitoe", "")),
    "AO": ("pt", ("Luísa", "Domingos", "Luisa Domingos"), ("Manuel", "Kiala", "")),
    "TZ": ("sw en", ("Neema", "Mwakyusa", ""), ("Baraka", "Mushi", "")),
    "ZW": ("en", ("Tendai", "Moyo", ""), ("Rudo", "Chikore", "")),
    "ZM": ("en", ("Mwila", "Banda", ""), ("Chanda", "Phiri", "")),
    "ZA": ("en af", ("Thandiwe", "Nkosi", ""), ("Johan", "Botha", "")),
    "KW": ("ar en", ("Fahad", "Al-Mutairi", "فهد المطيري"), ("Noura", "Al-Sabah", "نورة الصباح")),
    "JO": ("ar en", ("Rania", "Haddad", "رانيا حداد"), ("Khaled", "Majali", "Khalid Al-Majali\nخالد المجالي")),
    "LB": ("ar fr", ("Carla", "Khoury", "كارلا خوري"), ("Georges", "Haddad", "جورج حداد")),
    "LS": ("en st", ("Palesa", "Mokoena", ""), ("Thabo", "Letsie", "")),
    "BH": ("ar en", ("Maryam", "Al-Khalifa", "مريم"), ("Ali", "Hasan", "علي حسن")),
    "QA": ("ar en", ("Hamad", "Al-Thani", "حمد"), ("Aisha", "Al-Kuwari", "عائشة الكواري")),
    "OM": ("ar en", ("Said", "Al-Busaidi", "سعيد البوسعيدي"), ("Muna", "Al-Harthy", "منى الحارثي")),
    "SA": ("ar en", ("Abdullah", "Al-Qahtani", "عبدالله القحطاني"), ("Nawaf", "Al-Otaibi", "نواف العتيبي")),
    "NL": ("nl en", ("Anouk", "de Vries", ""), ("Sander", "Bakker", "")),
    "DE": ("de en", ("Katrin", "Schäfer", "Katrin Schaefer"), ("Lukas", "Brenner", "")),
    "DZ": ("ar fr", ("Ferhat", "Aït Ahmed", "Ferhat Ait Ahmed\nفرحات آيت أحمد"), ("Nadia", "Bouzid", "نادية بوزيد")),  # noqa: E501
    "TD": ("fr ar", ("Mahamat", "Abakar", "محمد أبكر"), ("Achta", "Djibrine", "")),
    "IQ": ("ar en", ("Haider", "Al-Jubouri", "حيدر الجبوري"), ("Zainab", "Kadhim", "زينب كاظم")),
    "CI": ("fr", ("Aya", "Kouassi", ""), ("Yao", "N'Guessan", "Yao Nguessan")),
    "LY": ("ar en", ("Salem", "Elmabrouk", "سالم المبروك"), ("Huda", "Ben Ali", "هدى بن علي")),
    "ML": ("fr", ("Aminata", "Traoré", "Aminata Traore"), ("Moussa", "Keïta", "Moussa Keita")),
    "NE": ("fr", ("Hadiza", "Issoufou", ""), ("Abdou", "Moussa", "")),
    "NG": ("en", ("Chiamaka", "Okafor", ""), ("Ibrahim", "Bello", "")),
    "SS": ("en ar", ("Nyandeng", "Deng", ""), ("Garang", "Mabior", "")),
    "FR": ("fr en", ("Claire", "Lefèvre", "Claire Lefevre"), ("Julien", "Moreau", "")),
    "GR": ("el en", ("Eleni", "Papadopoulou", "Ελένη Παπαδοπούλου"), ("Nikos", "Georgiou", "Νίκος Γεωργίου")),
    "IT": ("it en", ("Giulia", "Romano", ""), ("Marco", "Esposito", "")),
    "MT": ("mt en", ("Maria", "Borg", ""), ("Daniel", "Camilleri", "")),
    "ES": ("es en", ("Lucía", "Fernández", "Lucia Fernandez"), ("Javier", "Ruiz", "")),
}  # fmt: skip
# The IOM staff member behind the demo-staff login, and the officers at the customs training.
IOM_STAFF_PERSON = ("Nour", "Example", "")
CUSTOMS_OFFICERS = [("Tamer", "Fawzy", "تامر فوزي"), ("Dina", "Ashraf", "دينا أشرف")]
# How a designation of each mandate takes requests, in the demo.
DESIGNATION_CHANNELS = {
    Mandate.TIP_COORDINATOR: ["email", "direct"],
    Mandate.MLA_CENTRAL_AUTHORITY: ["diplomatic", "direct"],
}
# Tunisia changed its MLA central authority last year: the old designation ended, the new one began the next day.
SUCCESSION = ("TN", date(date.today().year - 1, 6, 30))


def load_demo_data() -> dict[str, int]:
    """Create whatever of the demo data is missing, in one transaction. Returns how many rows of each kind it made."""
    loader = DemoLoader()
    # In English whatever language is active: the facts name themes, programmes and instruments by their English names.
    with transaction.atomic(), translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        loader.load()
    return loader.created


class DemoLoader:
    def __init__(self) -> None:
        self.created: dict[str, int] = {}
        self.organizations: dict[str, Organization] = {}
        self.events: dict[str, Event] = {}
        self.people: dict[str, list[Person]] = {}

    def load(self) -> None:
        self.load_organizations()
        self.load_programmes_and_instruments()
        for facts in EVENTS:
            self.load_event(facts)
        self.load_people()
        self.load_participations()
        self.load_recommendations_and_follow_ups()
        self.load_treaties()

    def get_or_create(self, model, defaults: dict | None = None, **lookup):
        instance, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
        if created:
            name = model._meta.verbose_name_plural
            self.created[str(name)] = self.created.get(str(name), 0) + 1
        return instance, created

    def load_organizations(self) -> None:
        for key, name, acronym, kind, country, parent in ORGANIZATIONS:
            defaults = {"acronym": acronym, "kind": kind, "parent": self.organizations.get(parent)}
            self.organizations[key], _ = self.get_or_create(Organization, defaults, name=name, country=country)

    def load_programmes_and_instruments(self) -> None:
        for acronym, name, donors in PROGRAMMES:
            programme, _ = self.get_or_create(Programme, {"acronym": acronym}, name=name)
            programme.donors.add(*(self.organizations[key] for key in donors))
        for short_name, name in INSTRUMENTS:
            names = {"short_name": short_name, **translated("name", name), **translated("short_name", short_name)}
            self.get_or_create(Instrument, names, name=name)

    def load_event(self, facts: EventFacts) -> None:
        event, _ = self.get_or_create(Event, self.event_fields(facts), title=facts.title)
        self.events[facts.key] = event
        for code in facts.countries:
            self.get_or_create(EventCountry, event=event, country=code)
        for key, role in facts.organizations:
            self.get_or_create(EventOrganization, event=event, organization=self.organizations[key], role=role)
        event.programmes.add(*Programme.objects.filter(acronym__in=facts.programmes))
        event.themes.add(*(self.get_or_create(Theme, translated("name", name), name=name)[0] for name in facts.themes))
        event.pillars.add(*Pillar.objects.filter(code__in=facts.pillars))
        event.instruments.add(*Instrument.objects.filter(short_name__in=facts.instruments))
        event.sdg_goals.add(*SustainableDevelopmentGoal.objects.filter(number__in=facts.sdg_goals))
        event.gcm_objectives.add(*MigrationCompactObjective.objects.filter(number__in=facts.gcm_objectives))

    def event_fields(self, facts: EventFacts) -> dict:
        return {
            "kind": facts.kind,
            "status": EventStatus.PUBLISHED,
            "start_date": facts.start_date,
            "end_date": facts.end_date,
            "date_note": facts.date_note,
            "city": facts.city,
            "host_country": facts.host_country,
            "summary": facts.summary,
            "reported_participant_count": facts.reported_participant_count,
            "reported_country_count": facts.reported_country_count,
            "source_note": facts.source_note,
            "previous_event": self.events.get(facts.previous),
        }

    def load_people(self) -> None:
        for country, (languages, *names) in PEOPLE.items():
            offices = self.country_offices(country)
            positions = ["coordinator", "prosecutor", "third"]
            self.people[country] = [
                self.person(country, languages.split(), name, position, offices)
                for name, position in zip(names, positions, strict=False)
            ]
            self.designate(country)
        self.person("EG", ["ar", "en"], IOM_STAFF_PERSON, "iom", {"iom": self.organizations["iom_eg"]})
        for name in CUSTOMS_OFFICERS:
            self.person("EG", ["ar"], name, "customs", {"customs": self.organizations["customs_eg"]})

    def country_offices(self, country: str) -> dict[str, Organization]:
        """The demo's offices of a country: the real ones the seeds name, or a generic prosecution service."""
        known = {"EG": ("opg_eg", "nccpim"), "MA": (None, "commission_ma"), "TN": (None, "committee_tn")}
        prosecution_key, coordination_key = known.get(country, (None, None))
        if prosecution_key:
            prosecution = self.organizations[prosecution_key]
        else:
            name = f"Public Prosecution Service of {countries.name(country)}"
            prosecution, _ = self.get_or_create(
                Organization, {"kind": OrganizationKind.PROSECUTION}, name=name, country=country
            )
        coordination = self.organizations[coordination_key] if coordination_key else prosecution
        return {"coordinator": coordination, "prosecutor": prosecution, "third": prosecution}

    def person(self, country: str, languages: list[str], name: tuple, position: str, offices: dict) -> Person:
        given, family, other_spellings = name
        email = f"{unidecode(given)}.{unidecode(family)}@example.org".lower().replace(" ", "").replace("'", "")
        person, created = self.get_or_create(Person, self.person_fields(country, name, position, offices), email=email)
        if created:
            person.roles.add(*Role.objects.filter(code__in=POSITION_ROLES[position]))
            person.expertise.add(*Expertise.objects.filter(code__in=POSITION_EXPERTISE[position]))
            person.languages.add(*Language.objects.filter(code__in=languages))
        return person

    def person_fields(self, country: str, name: tuple, position: str, offices: dict) -> dict:
        given, family, other_spellings = name
        example = phonenumbers.example_number_for_type(country, phonenumbers.PhoneNumberType.FIXED_LINE)
        return {
            "given_name": given,
            "family_name": family,
            "other_spellings": other_spellings,
            "job_title": POSITION_TITLES[position],
            "organization": offices[position],
            "country": country,
            "phone": phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164) if example else "",
            "visibility": Visibility.NETWORK if position in ("coordinator", "prosecutor") else Visibility.STAFF,
            "legal_basis": LegalBasis.OFFICIAL_DESIGNATION if position == "coordinator" else LegalBasis.PUBLIC_ROLE,
            "preferred_language": "fr" if country in FRENCH_SPEAKING else "ar" if country in ARABIC_SPEAKING else "en",
        }

    def designate(self, country: str) -> None:
        coordinator, prosecutor, *third = self.people[country]
        self.designation(country, Mandate.TIP_COORDINATOR, coordinator, valid_from=date(2024, 1, 1))
        if country == SUCCESSION[0]:
            ended = SUCCESSION[1]
            note = "Ended when the central authority moved to the Ministry of Justice."
            previous = self.designation(
                country,
                Mandate.MLA_CENTRAL_AUTHORITY,
                third[0],
                valid_from=date(2020, 1, 1),
                valid_until=ended,
                notes=note,
            )
            self.designation(
                country,
                Mandate.MLA_CENTRAL_AUTHORITY,
                prosecutor,
                valid_from=ended + timedelta(days=1),
                predecessor=previous,
            )
        elif country in MLA_DESIGNATIONS:
            self.designation(country, Mandate.MLA_CENTRAL_AUTHORITY, prosecutor, valid_from=date(2023, 1, 1))

    def designation(self, country: str, mandate: str, person: Person, **defaults) -> FocalPoint:
        """A designation accepting requests in its holder's working languages (English too, for mutual legal
        assistance) through the channels usual for its mandate."""
        if mandate == Mandate.MLA_CENTRAL_AUTHORITY:
            defaults.setdefault("legal_basis", "UNTOC art. 18(13)")
        designation, created = self.get_or_create(FocalPoint, defaults, country=country, mandate=mandate, person=person)
        if created:
            languages = {language.code for language in person.languages.all()}
            if mandate == Mandate.MLA_CENTRAL_AUTHORITY:
                languages.add("en")
            designation.request_languages.add(*Language.objects.filter(code__in=languages))
            designation.channels.add(*Channel.objects.filter(code__in=DESIGNATION_CHANNELS[mandate]))
        return designation

    def load_participations(self) -> None:
        for facts in EVENTS:
            event = self.events[facts.key]
            attending = facts.countries or (["EG"] if facts.key == "cairo" else [])
            for country in attending:
                for index, person in enumerate(self.people[country][:2]):
                    role = (
                        ParticipationRole.SPEAKER if index == 0 and country == "EG" else ParticipationRole.PARTICIPANT
                    )
                    self.get_or_create(
                        Participation, {"role": role, "delegation_country": country}, event=event, person=person
                    )
        for officer in Person.objects.filter(organization=self.organizations["customs_eg"]):
            self.get_or_create(
                Participation, {"delegation_country": "EG"}, event=self.events["customs"], person=officer
            )

    def load_recommendations_and_follow_ups(self) -> None:
        cairo = self.events["cairo"]
        today = date.today()
        due_days = iter(DUE_IN_DAYS * 2)
        for code, text, category in RECOMMENDATIONS:
            recommendation, _ = self.get_or_create(
                Recommendation, {"text": text, "category": category, "priority": Priority.HIGH}, event=cairo, code=code
            )
            for country in FOLLOW_UP_COUNTRIES:
                defaults = {
                    "coordinator": self.people[country][0],
                    "due_date": today + timedelta(days=next(due_days)),
                    "notes": DEMO_NOTE,
                }
                follow_up, created = self.get_or_create(
                    FollowUp, defaults, recommendation=recommendation, country=country
                )
                if created and code == "R3" and country in ("EG", "TN"):
                    record_progress(follow_up, None, "in_progress", note="Demo: contact points exchanged.")

    def load_treaties(self) -> None:
        """Demo treaty status under the instruments migration events 0007 seeds (found by code), and demo
        bilateral treaties; every row is marked demo and says so in its note."""
        instruments = {row.code: row for row in Instrument.objects.exclude(code="")}
        for country, statuses in TREATY_STATUS.items():
            for code, action, deposited in statuses:
                if code not in instruments:
                    continue  # staff took the code off: nothing to attach the demo row to
                defaults = {"action": action, "date": deposited, "demo": True, "source_note": TREATY_DEMO_NOTE}
                self.get_or_create(TreatyStatus, defaults, country=country, instrument=instruments[code])
        for first, second, kind, title, signed_on, in_force_on in BILATERAL_TREATIES:
            country_a, country_b = in_order(first, second)
            defaults = {
                "kind": kind,
                "signed_on": signed_on,
                "in_force_on": in_force_on,
                "demo": True,
                "notes": BILATERAL_DEMO_NOTE,
            }
            self.get_or_create(BilateralTreaty, defaults, country_a=country_a, country_b=country_b, title=title)


POSITION_ROLES = {
    "coordinator": ["national_coordinator", "focal_point"],
    "prosecutor": ["prosecutor"],
    "third": ["central_authority"],
    "iom": ["io_staff"],
    "customs": ["customs_officer"],
}
POSITION_EXPERTISE = {
    "coordinator": ["tip", "som"],
    "prosecutor": ["tip", "som", "mla", "cybercrime"],
    "third": ["mla", "extradition"],
    "iom": ["tip", "victim_protection"],
    "customs": ["som", "border_management"],
}
POSITION_TITLES = {
    "coordinator": "National coordinator against trafficking in persons",
    "prosecutor": "Senior public prosecutor",
    "third": "Head of international cooperation unit",
    "iom": "Programme officer, counter-trafficking",
    "customs": "Customs officer",
}
FRENCH_SPEAKING = {"MA", "TN", "DZ", "TD", "CI", "ML", "NE", "FR", "LB"}
ARABIC_SPEAKING = {"EG", "KW", "JO", "BH", "QA", "OM", "SA", "IQ", "LY"}
MLA_DESIGNATIONS = {"EG", "MA", "KE", "NG", "DZ", "JO", "IT", "FR"}

# --- Treaty status and bilateral treaties: demo records, from memory and not checked (the registry has no access to
# the depositaries), each marked demo=True and saying so in its note. Per country: (instrument code, action, date).
TREATY_DEMO_NOTE = "Demo record: to be checked against the UN Treaty Collection before use."
BILATERAL_DEMO_NOTE = "Demo record: to be checked against the treaty text and both governments' records before use."
C, T = InstrumentCode, TreatyAction
TREATY_STATUS = {
    "EG": [(C.UNTOC, T.RATIFICATION, date(2004, 3, 5)), (C.TRAFFICKING_PROTOCOL, T.RATIFICATION, date(2004, 3, 5)),
           (C.SMUGGLING_PROTOCOL, T.RATIFICATION, date(2005, 3, 1)), (C.ARAB_CONVENTION, T.RATIFICATION, None)],
    "MA": [(C.UNTOC, T.RATIFICATION, date(2002, 9, 19)), (C.TRAFFICKING_PROTOCOL, T.ACCESSION, date(2011, 4, 25)),
           (C.ARAB_CONVENTION, T.SIGNATURE, date(2010, 12, 21)), (C.BUDAPEST, T.ACCESSION, date(2018, 6, 29))],
    "TN": [(C.UNTOC, T.RATIFICATION, date(2003, 7, 19)), (C.TRAFFICKING_PROTOCOL, T.RATIFICATION, date(2003, 7, 14)),
           (C.SMUGGLING_PROTOCOL, T.RATIFICATION, date(2003, 7, 14))],
    "LY": [(C.UNTOC, T.RATIFICATION, date(2004, 6, 18)), (C.TRAFFICKING_PROTOCOL, T.RATIFICATION, date(2004, 9, 24)),
           (C.SMUGGLING_PROTOCOL, T.RATIFICATION, date(2004, 9, 24))],
    "DZ": [(C.UNTOC, T.RATIFICATION, date(2002, 10, 7)), (C.TRAFFICKING_PROTOCOL, T.RATIFICATION, date(2004, 3, 9)),
           (C.SMUGGLING_PROTOCOL, T.RATIFICATION, date(2004, 3, 9))],
    "KE": [(C.UNTOC, T.ACCESSION, date(2004, 6, 16)), (C.TRAFFICKING_PROTOCOL, T.ACCESSION, date(2005, 1, 5)),
           (C.SMUGGLING_PROTOCOL, T.ACCESSION, date(2005, 1, 5))],
    "NG": [(C.UNTOC, T.RATIFICATION, date(2001, 6, 28)), (C.TRAFFICKING_PROTOCOL, T.RATIFICATION, date(2001, 6, 28)),
           (C.SMUGGLING_PROTOCOL, T.RATIFICATION, date(2001, 9, 27)), (C.BUDAPEST, T.ACCESSION, None)],
}  # fmt: skip
# (country, country, kind, title, signed on, in force since): dates left empty where not known
BILATERAL_TREATIES = [
    ("EG", "MA", BilateralTreatyKind.MUTUAL_LEGAL_ASSISTANCE,
     "Agreement on Mutual Legal Assistance in Criminal Matters", None, None),
    ("TN", "MA", BilateralTreatyKind.MLA_AND_EXTRADITION,
     "Convention on Mutual Legal Assistance in Criminal Matters and Extradition", None, None),
    ("EG", "TN", BilateralTreatyKind.EXTRADITION, "Extradition Agreement", None, None),
]  # fmt: skip
