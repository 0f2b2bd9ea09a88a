"""A person's contact card as a vCard 3.0 file, built with vobject.

3.0 (RFC 2426) rather than 4.0 (RFC 6350): Outlook and many phones import only 2.1 and 3.0. 3.0 has no LANG
property, so the working languages are written in the card's NOTE, in the language of the page, where every contact
program shows them."""

import vobject
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.templatetags.lists import separator

from .models import Person


def for_person(person: Person) -> str:
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(
        family=person.family_name, given=person.given_name, prefix=person.honorific
    )
    card.add("fn").value = str(person)
    if person.organization:
        card.add("org").value = [person.organization.name]
    if person.job_title:
        card.add("title").value = person.job_title
    if person.email:
        email = card.add("email")
        email.value = person.email
        email.type_param = "INTERNET"
    if person.phone:
        phone = card.add("tel")
        phone.value = str(person.phone)
        phone.type_param = "WORK"
    if person.country:
        address = card.add("adr")
        address.value = vobject.vcard.Address(country=str(person.country.name))
        address.type_param = "WORK"
    languages = [str(language) for language in person.languages.all()]
    if languages:
        card.add("note").value = _("Working languages: %(languages)s") % {"languages": separator().join(languages)}
    return card.serialize()


def filename(person: Person) -> str:
    return f"{slugify(person.full_name) or 'contact'}.vcf"
