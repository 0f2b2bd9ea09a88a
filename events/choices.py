"""Fixed lists of events. Codes are stored; labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    SYMPOSIUM = "symposium", _("Symposium")
    CONFERENCE = "conference", _("Conference")
    ROUNDTABLE = "roundtable", _("Roundtable")
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    MEETING = "meeting", _("Meeting")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PillarCode(models.TextChoices):
    PROSECUTION = "prosecution", _("Prosecution")
    PROTECTION = "protection", _("Protection")
    PREVENTION = "prevention", _("Prevention")
    PARTNERSHIP = "partnership", _("Partnership")


class OrganizationRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    CO_ORGANISER = "co_organiser", _("Co-organiser")
    HOST = "host", _("Host")
    FUNDER = "funder", _("Funder")
    PARTNER = "partner", _("Partner")


class ParticipationRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    SPEAKER = "speaker", _("Speaker")
    TRAINER = "trainer", _("Trainer")
    MODERATOR = "moderator", _("Moderator")
    ORGANISER = "organiser", _("Organiser")
    OBSERVER = "observer", _("Observer")


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    REPORT = "report", _("Report")
    PRESS_RELEASE = "press_release", _("Press release")
    PRESENTATION = "presentation", _("Presentation")
    ATTENDANCE_LIST = "attendance_list", _("Attendance list")


class DocumentVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    NETWORK = "network", _("Network members")
    STAFF = "staff", _("Staff only")


class SdgGoal(models.IntegerChoices):
    NO_POVERTY = 1, _("1. No poverty")
    ZERO_HUNGER = 2, _("2. Zero hunger")
    HEALTH = 3, _("3. Good health and well-being")
    EDUCATION = 4, _("4. Quality education")
    GENDER_EQUALITY = 5, _("5. Gender equality")
    WATER = 6, _("6. Clean water and sanitation")
    ENERGY = 7, _("7. Affordable and clean energy")
    DECENT_WORK = 8, _("8. Decent work and economic growth")
    INDUSTRY = 9, _("9. Industry, innovation and infrastructure")
    REDUCED_INEQUALITIES = 10, _("10. Reduced inequalities")
    CITIES = 11, _("11. Sustainable cities and communities")
    CONSUMPTION = 12, _("12. Responsible consumption and production")
    CLIMATE = 13, _("13. Climate action")
    LIFE_BELOW_WATER = 14, _("14. Life below water")
    LIFE_ON_LAND = 15, _("15. Life on land")
    PEACE_JUSTICE = 16, _("16. Peace, justice and strong institutions")
    PARTNERSHIPS = 17, _("17. Partnerships for the goals")


class GcmObjective(models.IntegerChoices):
    DATA = 1, _("1. Collect and utilize accurate and disaggregated data")
    DRIVERS = 2, _("2. Minimize the adverse drivers that compel people to leave their country of origin")
    INFORMATION = 3, _("3. Provide accurate and timely information at all stages of migration")
    IDENTITY = 4, _("4. Ensure that all migrants have proof of legal identity and adequate documentation")
    PATHWAYS = 5, _("5. Enhance availability and flexibility of pathways for regular migration")
    RECRUITMENT = 6, _("6. Facilitate fair and ethical recruitment and safeguard decent work")
    VULNERABILITIES = 7, _("7. Address and reduce vulnerabilities in migration")
    SAVE_LIVES = 8, _("8. Save lives and establish coordinated international efforts on missing migrants")
    SMUGGLING = 9, _("9. Strengthen the transnational response to smuggling of migrants")
    TRAFFICKING = (
        10,
        _("10. Prevent, combat and eradicate trafficking in persons in the context of migration"),
    )
    BORDERS = 11, _("11. Manage borders in an integrated, secure and coordinated manner")
    PROCEDURES = 12, _("12. Strengthen certainty and predictability in migration procedures")
    DETENTION = 13, _("13. Use migration detention only as a measure of last resort")
    CONSULAR = 14, _("14. Enhance consular protection, assistance and cooperation")
    BASIC_SERVICES = 15, _("15. Provide access to basic services for migrants")
    INCLUSION = 16, _("16. Empower migrants and societies to realize full inclusion and social cohesion")
    DISCRIMINATION = (
        17,
        _("17. Eliminate all forms of discrimination and promote evidence-based public discourse"),
    )
    SKILLS = 18, _("18. Invest in skills development and facilitate mutual recognition of skills")
    DIASPORAS = (
        19,
        _("19. Create conditions for migrants and diasporas to contribute to sustainable development"),
    )
    REMITTANCES = 20, _("20. Promote faster, safer and cheaper transfer of remittances")
    RETURN = 21, _("21. Cooperate in facilitating safe and dignified return, readmission and reintegration")
    SOCIAL_SECURITY = 22, _("22. Establish mechanisms for the portability of social security entitlements")
    COOPERATION = 23, _("23. Strengthen international cooperation and global partnerships for migration")


class TreatyAction(models.TextChoices):
    """How a country joined a multilateral instrument, as the depositary records it. A signature alone does not make
    a country a party (``PARTY_ACTIONS``)."""

    RATIFICATION = "ratification", _("Ratification")
    ACCESSION = "accession", _("Accession")
    ACCEPTANCE = "acceptance", _("Acceptance or approval")
    SUCCESSION = "succession", _("Succession")
    SIGNATURE = "signature", _("Signature only")


PARTY_ACTIONS = (TreatyAction.RATIFICATION, TreatyAction.ACCESSION, TreatyAction.ACCEPTANCE, TreatyAction.SUCCESSION)


class BilateralTreatyKind(models.TextChoices):
    MUTUAL_LEGAL_ASSISTANCE = "mla", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")
    MLA_AND_EXTRADITION = "mla_extradition", _("Mutual legal assistance and extradition")
    TRANSFER_OF_SENTENCED_PERSONS = "transfer", _("Transfer of sentenced persons")
    OTHER = "other", _("Other")


class InstrumentCode:
    """The codes of the instruments that code refers to (seeded by migration 0006); staff may name them as they
    like, and give codes to instruments they add."""

    UNTOC = "untoc"
    TRAFFICKING_PROTOCOL = "tip-protocol"
    SMUGGLING_PROTOCOL = "som-protocol"
    ARAB_CONVENTION = "arab-toc"
    BUDAPEST = "budapest"
    MALABO = "malabo"
