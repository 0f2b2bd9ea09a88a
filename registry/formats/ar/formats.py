"""Arabic: Django's date ("10 يوليو، 2023") and, which Django's Arabic lacks, a date-time with the 24-hour clock."""

DATE_FORMAT = "j F، Y"
DATETIME_FORMAT = "j F، Y H:i"
TIME_FORMAT = "H:i"
