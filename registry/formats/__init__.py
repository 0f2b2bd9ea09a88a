"""Date formats per language (``FORMAT_MODULE_PATH``): one date format and one date-time format per site language.

A language with no module here keeps Django's own (French "10 juillet 2023", Portuguese "10 de julho de 2023").
English replaces Django's American "Oct. 26, 2026" with the day-month-year the network writes; Arabic gains the
date-time format Django's Arabic lacks (it would otherwise fall back to the American one).
"""

from django.utils.translation import gettext_noop

# The month names the "F" of the formats writes, under Django's own msgids: the site's catalogues (LOCALE_PATHS) are
# read before Django's, and Django's Portuguese capitalises the months ("10 de Julho de 2023"), which Portuguese,
# like French, does not. Listed here so that ``make messages`` puts them in every catalogue.
MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
