"""Fixed lists of the directory. Codes are stored; labels are translated.

Migrations seed the term tables (roles, expertise, channels) from these lists, so adding a value needs a migration.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    PROSECUTION = "prosecution", _("Prosecution service")
    MINISTRY_OF_JUSTICE = "ministry_of_justice", _("Ministry of justice")
    JUDICIARY = "judiciary", _("Judiciary")
    NATIONAL_COORDINATING_BODY = "coordinating_body", _("National coordinating body")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    CUSTOMS = "customs", _("Customs")
    INTERNATIONAL_ORGANIZATION = "international", _("International organisation")
    DONOR = "donor", _("Donor")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    NETWORK = "network", _("Network or association")
    OTHER = "other", _("Other")


class RoleCode(models.TextChoices):
    PROSECUTOR = "prosecutor", _("Prosecutor")
    JUDGE = "judge", _("Judge")
    INVESTIGATOR = "investigator", _("Investigator")
    FOCAL_POINT = "focal_point", _("Focal point")
    NATIONAL_COORDINATOR = "national_coordinator", _("National coordinator")
    CENTRAL_AUTHORITY_OFFICER = "central_authority", _("Central authority officer")
    CUSTOMS_OFFICER = "customs_officer", _("Customs officer")
    IO_STAFF = "io_staff", _("International organisation staff")
    DONOR_REPRESENTATIVE = "donor_representative", _("Donor representative")
    OTHER = "other", _("Other")


class ExpertiseCode(models.TextChoices):
    TIP = "tip", _("Trafficking in persons")
    SOM = "som", _("Smuggling of migrants")
    CYBERCRIME = "cybercrime", _("Cybercrime and digital evidence")
    FINANCIAL = "financial", _("Financial investigations")
    MLA = "mla", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")
    VICTIM_PROTECTION = "victim_protection", _("Victim protection")
    BORDER_MANAGEMENT = "border_management", _("Border management")


class ChannelCode(models.TextChoices):
    DIRECT = "direct", _("Direct transmission")
    DIPLOMATIC = "diplomatic", _("Diplomatic channels")
    INTERPOL = "interpol", _("INTERPOL")
    EMAIL = "email", _("E-mail")


class Visibility(models.TextChoices):
    NETWORK = "network", _("Network: every network member sees the contact details")
    STAFF = "staff", _("Staff only")
    UNLISTED = "unlisted", _("Unlisted: event records only, never in the directory")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent of the person")
    OFFICIAL_DESIGNATION = "designation", _("Official designation by their authority")
    PUBLIC_ROLE = "public_role", _("Public role, published by their authority")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest, recorded by IOM staff")


class EmailLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    ARABIC = "ar", _("Arabic")
    PORTUGUESE = "pt", _("Portuguese")


class Mandate(models.TextChoices):
    TIP_COORDINATOR = "tip_coordinator", _("TIP national coordinator")
    SOM_FOCAL_POINT = "som_focal_point", _("SOM focal point")
    MLA_CENTRAL_AUTHORITY = "mla_central_authority", _("MLA central authority")
    EXTRADITION_AUTHORITY = "extradition_authority", _("Extradition authority")
    CYBERCRIME_24_7 = "cybercrime_24_7", _("24/7 cybercrime contact")
    INTERPOL_LIAISON = "interpol_liaison", _("INTERPOL liaison")


class LookupAction(models.TextChoices):
    VIEWED = "viewed", _("Opened the contact card")
    DOWNLOADED = "downloaded", _("Downloaded the contact card")
    API = "api", _("Read the contact details through the API")
    PRINTED = "printed", _("Printed the country directory (PDF)")


class ReconfirmationAnswer(models.TextChoices):
    CONFIRMED = "confirmed", _("These are right")
    CORRECTED = "corrected", _("Correct them")
    REMOVAL = "removal", _("Remove me")


class CorrectionStatus(models.TextChoices):
    PENDING = "pending", _("waiting for staff")
    APPROVED = "approved", _("approved and applied")
    REJECTED = "rejected", _("rejected")
