import io

import pypdf
from django.utils import translation

from core.money import format_money, format_money_or_blank
from core.pdf import INK, MUTED, PRIMARY, MajlisPDF, has_arabic
from events import badges


def test_money_in_french_groups_thousands():
    with translation.override("fr"):
        assert format_money(150000) == format_money(150000, "MAD")
        assert format_money(150000).endswith(",00\u00a0MAD")
        assert format_money(150000).replace("\u00a0", " ").replace("\u202f", " ") == "1 500,00 MAD"


def test_money_with_no_break_spaces_is_the_same_in_every_language():
    for language in ("fr", "ar", "en"):
        with translation.override(language):
            assert format_money(500000, no_break=True) == "5\u00a0000,00\u00a0MAD"
            assert format_money(-1234, no_break=True) == "-12,34\u00a0MAD"


def test_blank_amounts_show_as_nothing():
    assert format_money_or_blank(None) == ""
    assert format_money_or_blank("") == ""
    with translation.override("fr"):
        assert format_money_or_blank("100") == format_money(100)


def test_the_palette_is_still_importable_from_badges():
    assert (badges.PRIMARY, badges.INK, badges.MUTED) == (PRIMARY, INK, MUTED)


def test_a_majlis_pdf_writes_arabic_and_latin_lines():
    assert has_arabic("سلمى") and not has_arabic("Salma")
    for rtl in (True, False, None):
        pdf = MajlisPDF(rtl=rtl, format="A4")
        pdf.add_page()
        pdf.line_of_text("Salma Bennani.")
        pdf.line_of_text("سلمى بناني", bold=True)
        text = pypdf.PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0].extract_text()
        assert "Salma Bennani." in text
        assert pdf.start == ("R" if rtl else "L")
