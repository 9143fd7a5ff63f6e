"""Arabic as read in Morocco (FORMAT_MODULE_PATH points here; Django's own `ar` module is for the Mashriq).

Times on the 24-hour clock ("14:30", not "2:30 م"), amounts and numbers grouped and marked as in French
("1 500,00" with a narrow no-break space and a decimal comma: the separators Moroccan invoices and forms use, and
the ones `core.money.parse_money` reads back), dates day first with the month's name ("12 ماي 2027"; the
Moroccan month names are the catalogue's translations of Django's month msgids). Every separator here is of
the bidi class of a number's own punctuation, so "1 500,00 MAD" and "12/05/2027" stay whole in a right-to-left
line; Django's Arabic short date puts right-to-left marks between day, month and year, which is left out.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# Day first, as in French; Django adds the ISO forms that date inputs send.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # '25/10/2006'
    "%d/%m/%y",  # '25/10/06'
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M:%S.%f",
    "%d/%m/%Y %H:%M",
]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\u202f"  # narrow no-break space
NUMBER_GROUPING = 3
