"""Seed the six multilateral instruments the registry tracks treaty status under, each with its code.

Get-or-create: a row already there (the demo data's UNTOC and Protocols, or one staff entered) is found by its code,
else by its English name or short name (or a name it is often known by), and keeps its names; it gets the code and,
where it has none, the date of adoption, a short name and the names in the other languages. Only instruments found nowhere are
created. The dates of adoption are those of the depositaries' records as remembered, to be checked by staff.
Going back leaves the rows and clears the codes (0006, reversed, drops the columns anyway).
"""

from datetime import date

from django.db import migrations
from django.db.models import Q

UN_TITLE = "United Nations Convention against Transnational Organized Crime"
TIP_TITLE = "Protocol to Prevent, Suppress and Punish Trafficking in Persons, especially Women and Children"
SOM_TITLE = "Protocol against the Smuggling of Migrants by Land, Sea and Air"

# code, English name, English short name, adopted on, other names to find it by, {language: (name, short name)}
INSTRUMENTS = [
    (
        "untoc",
        UN_TITLE,
        "UNTOC",
        date(2000, 11, 15),
        ["Palermo Convention"],
        {
            "fr": ("Convention des Nations Unies contre la criminalité transnationale organisée", None),
            "ar": ("اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية", None),
            "pt": ("Convenção das Nações Unidas contra a Criminalidade Organizada Transnacional", None),
        },
    ),
    (
        "tip-protocol",
        TIP_TITLE,
        "Trafficking in Persons Protocol",
        date(2000, 11, 15),
        ["Palermo Protocol", "TIP Protocol", "Trafficking Protocol"],
        {
            "fr": (
                "Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes "
                "et des enfants",
                "Protocole relatif à la traite des personnes",
            ),
            "ar": (
                "بروتوكول منع وقمع ومعاقبة الاتجار بالأشخاص، وبخاصة النساء والأطفال",
                "بروتوكول الاتجار بالأشخاص",
            ),
            "pt": (
                "Protocolo Relativo à Prevenção, Repressão e Punição do Tráfico de Pessoas, em Especial de Mulheres "
                "e Crianças",
                "Protocolo relativo ao Tráfico de Pessoas",
            ),
        },
    ),
    (
        "som-protocol",
        SOM_TITLE,
        "Smuggling of Migrants Protocol",
        date(2000, 11, 15),
        ["SOM Protocol", "Migrant Smuggling Protocol"],
        {
            "fr": (
                "Protocole contre le trafic illicite de migrants par terre, air et mer",
                "Protocole relatif au trafic illicite de migrants",
            ),
            "ar": ("بروتوكول مكافحة تهريب المهاجرين عن طريق البر والبحر والجو", "بروتوكول تهريب المهاجرين"),
            "pt": (
                "Protocolo contra o Tráfico Ilícito de Migrantes por Via Terrestre, Marítima e Aérea",
                "Protocolo relativo ao Tráfico Ilícito de Migrantes",
            ),
        },
    ),
    (
        "arab-toc",
        "Arab Convention on Combating Transnational Organized Crime",
        "Arab Convention on Organized Crime",
        date(2010, 12, 21),
        ["Arab Convention against Transnational Organized Crime"],
        {
            "fr": ("Convention arabe de lutte contre la criminalité transnationale organisée", None),
            "ar": ("الاتفاقية العربية لمكافحة الجريمة المنظمة عبر الحدود الوطنية", None),
            "pt": ("Convenção Árabe de Combate ao Crime Organizado Transnacional", None),
        },
    ),
    (
        "budapest",
        "Council of Europe Convention on Cybercrime",
        "Budapest Convention",
        date(2001, 11, 8),
        ["Convention on Cybercrime"],
        {
            "fr": ("Convention du Conseil de l'Europe sur la cybercriminalité", "Convention de Budapest"),
            "ar": ("اتفاقية مجلس أوروبا بشأن الجريمة الإلكترونية", "اتفاقية بودابست"),
            "pt": ("Convenção do Conselho da Europa sobre o Cibercrime", "Convenção de Budapeste"),
        },
    ),
    (
        "malabo",
        "African Union Convention on Cyber Security and Personal Data Protection",
        "Malabo Convention",
        date(2014, 6, 27),
        [],
        {
            "fr": (
                "Convention de l'Union africaine sur la cybersécurité et la protection des données à caractère "
                "personnel",
                "Convention de Malabo",
            ),
            "ar": ("اتفاقية الاتحاد الأفريقي بشأن الأمن السيبراني وحماية البيانات الشخصية", "اتفاقية مالابو"),
            "pt": (
                "Convenção da União Africana sobre Cibersegurança e Proteção de Dados Pessoais",
                "Convenção de Malabo",
            ),
        },
    ),
]


def named(names: list[str]) -> Q:
    """Rows whose name or short name, English or as first written, is one of ``names`` (any case)."""
    found = Q(pk__in=[])
    for name in names:
        for field in ("name", "name_en", "short_name", "short_name_en"):
            found |= Q(**{f"{field}__iexact": name})
    return found


def seed_instruments(apps, schema_editor):
    Instrument = apps.get_model("events", "Instrument")
    for code, name, short_name, adopted_on, aliases, translations in INSTRUMENTS:
        instrument = Instrument.objects.filter(code=code).first()
        if instrument is None:
            candidates = Instrument.objects.filter(code="").filter(named([name, short_name, *aliases]))
            # The English name first, then the short name, then an alias: the closest match wins.
            instrument = next(
                (row for wanted in (name, short_name, *aliases) for row in candidates if matches(row, wanted)), None
            )
        if instrument is None:
            instrument = Instrument(name=name, name_en=name, short_name=short_name, short_name_en=short_name)
        instrument.code = code
        instrument.adopted_on = instrument.adopted_on or adopted_on
        if not instrument.short_name_en and not instrument.short_name:
            instrument.short_name = instrument.short_name_en = short_name
        for language, (translated_name, translated_short) in translations.items():
            fill(Instrument, instrument, f"name_{language}", translated_name, unique=True)
            fill(Instrument, instrument, f"short_name_{language}", translated_short)
        instrument.save()


def matches(row, wanted: str) -> bool:
    values = (row.name, row.name_en, row.short_name, row.short_name_en)
    return any(value and value.casefold() == wanted.casefold() for value in values)


def fill(Instrument, instrument, field: str, value: str | None, unique: bool = False) -> None:
    """Set ``field`` where it is empty, unless another row holds the value of a unique column already."""
    if not value or getattr(instrument, field):
        return
    if unique and Instrument.objects.filter(**{field: value}).exclude(pk=instrument.pk).exists():
        return
    setattr(instrument, field, value)


def clear_codes(apps, schema_editor):
    Instrument = apps.get_model("events", "Instrument")
    Instrument.objects.filter(code__in=[row[0] for row in INSTRUMENTS]).update(code="")


class Migration(migrations.Migration):
    dependencies = [("events", "0006_treaties")]
    operations = [migrations.RunPython(seed_instruments, clear_codes)]
