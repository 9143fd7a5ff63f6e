"""French elision before a name ("Rôle d'Amina", "Adhésion d'Atlas"), and nothing of the kind in other languages."""

import pytest
from django.template import Context, Template
from django.utils import translation

from core.i18n import elides, of_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Amina", "d'Amina"),
        ("Atlas Digital", "d'Atlas Digital"),
        ("Omar", "d'Omar"),
        ("Élodie", "d'Élodie"),
        ("Yves", "d'Yves"),
        ("Hélène", "d'Hélène"),
        ("Salma", "de Salma"),
        ("Youssef", "de Youssef"),  # a y sounded as a consonant
        ("Hicham", "de Hicham"),  # an aspirated h
        ("3D Print", "de 3D Print"),
    ],
)
def test_french_elides_de_before_a_vowel_or_a_mute_h(name, expected):
    assert of_name(name, "fr") == expected


def test_other_languages_get_the_name_alone():
    for language in ("en", "ar"):
        assert of_name("Amina", language) == "Amina"
        assert of_name("Salma", language) == "Salma"


def test_markup_around_a_name_does_not_hide_its_first_letter():
    assert elides("<bdi>Amina</bdi>")
    assert not elides("<bdi>Salma</bdi>")


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load bidi french %}" + source).render(Context(context))


def test_the_filter_elides_in_a_french_page_and_keeps_the_isolation_inside():
    assert render("Rôle {{ name|bdi|of_name }}", "fr", name="Amina") == "Rôle d'<bdi>Amina</bdi>"
    assert render("Rôle {{ name|of_name }}", "fr", name="Salma") == "Rôle de Salma"
    assert render("Role of {{ name|of_name }}", "en", name="Amina") == "Role of Amina"


def test_the_filter_escapes_a_name_in_a_page_but_not_in_a_plain_text_email():
    assert render("{{ name|of_name }}", "fr", name="Atlas & Co") == "d'Atlas &amp; Co"
    assert render("{% autoescape off %}{{ name|of_name }}{% endautoescape %}", "fr", name="Atlas") == "d'Atlas"
