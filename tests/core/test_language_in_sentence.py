"""A language named inside a sentence reads as the sentence's language writes it."""

from django.utils import translation

from core.i18n import language_in_sentence, language_name


def test_french_sentences_name_languages_in_lower_case_arabic_with_the_article():
    with translation.override("fr"):
        assert language_name("en") == "Anglais"  # a label
        assert f"Traduire en {language_in_sentence('en')}" == "Traduire en anglais"
    with translation.override("ar"):
        assert language_in_sentence("en") == "الإنجليزية"
    with translation.override("en"):
        assert language_in_sentence("ar") == "Arabic"
