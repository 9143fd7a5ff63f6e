"""Dates in Arabic use the month names of Morocco, not the Middle-Eastern ones Django ships."""

import datetime

import pytest
from django.utils import dateformat, translation

MOROCCAN = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"]


@pytest.mark.parametrize("month", range(1, 13))
def test_arabic_month_names_are_moroccan_in_every_django_format(month):
    day = datetime.date(2027, month, 3)
    with translation.override("ar"):
        for letter in "FENbM":
            assert dateformat.format(day, letter) == MOROCCAN[month - 1], letter


def test_french_and_english_month_names_unchanged():
    day = datetime.date(2027, 5, 12)
    with translation.override("fr"):
        assert dateformat.format(day, "j F Y") == "12 mai 2027"
    with translation.override("en"):
        assert dateformat.format(day, "j F Y") == "12 May 2027"
    with translation.override("ar"):
        assert "مايو" not in dateformat.format(day, "j F Y")
