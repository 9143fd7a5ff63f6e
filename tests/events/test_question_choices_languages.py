"""A choice question in three languages: the attendee picks among the choices of their language, the answer is
stored as the French choice, so that the admin and the exports show the same answer whatever language the attendee
registered in, and the attendee reads it back in theirs."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from events.models import Question, Registration
from tests.factories.events import EventPageFactory
from tests.factories.registrations import QuestionFactory, RegistrationSettingsFactory, TicketTypeFactory
from tests.spreadsheets import csv_dicts, log_in_secretariat

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index)
    RegistrationSettingsFactory(event=event)
    return event


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(
        event=event, name="Pass conférence", name_ar="تذكرة المؤتمر", member_price=0, non_member_price=0
    )


@pytest.fixture
def lunch(event):
    return QuestionFactory(
        event=event,
        label="Déjeuner",
        label_en="Lunch",
        label_ar="وجبة الغداء",
        kind=Question.Kind.CHOICE,
        choices="Avec déjeuner\nSans déjeuner\nVégétarien",
        choices_en="With lunch\nWithout lunch\nVegetarian",
        choices_ar="مع وجبة الغداء\nبدون وجبة الغداء\nوجبة نباتية",
        required=True,
    )


def register(client, event, ticket, lunch, language: str, answer: str):
    with translation.override(language):
        url = reverse("events:register", args=[event.pk])
    data = {"ticket": ticket.pk, "attendee_name": "Salma Bennani", "attendee_email": "salma@invite.ma"}
    return client.post(url, {**data, f"q_{lunch.pk}": answer})


def test_an_arabic_attendee_chooses_among_arabic_choices(client, event, ticket, lunch):
    with translation.override("ar"):
        url = reverse("events:register", args=[event.pk])
    page = BeautifulSoup(client.get(url).content.decode(), "html.parser")

    select = page.select_one(f'select[name="q_{lunch.pk}"]')
    options = [(option["value"], option.get_text()) for option in select.select("option") if option["value"]]
    assert options == [
        ("Avec déjeuner", "مع وجبة الغداء"),
        ("Sans déjeuner", "بدون وجبة الغداء"),
        ("Végétarien", "وجبة نباتية"),
    ]
    assert page.find("label", attrs={"for": f"id_q_{lunch.pk}"}).get_text(strip=True).startswith("وجبة الغداء")
    assert "تذكرة المؤتمر" in page.select_one('[name="ticket"]').parent.get_text()


def test_the_answer_is_stored_in_french_and_shown_in_the_attendees_language(client, event, ticket, lunch):
    register(client, event, ticket, lunch, "ar", "Végétarien")
    registration = Registration.objects.get()

    assert registration.answers.get().value == "Végétarien"
    with translation.override("ar"):
        detail = reverse("events:registration_detail", args=[registration.code])
    page = BeautifulSoup(client.get(detail).content.decode(), "html.parser")
    answers = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in page.select("dt")}
    assert answers["وجبة الغداء"] == "وجبة نباتية"


def test_the_export_shows_the_same_answer_whatever_the_attendees_language(client, event, ticket, lunch):
    register(client, event, ticket, lunch, "en", "Sans déjeuner")
    log_in_secretariat(client)

    [row] = csv_dicts(client.get(reverse("events_registrations:index"), {"event": event.pk, "export": "csv"}))

    assert row["Déjeuner"] == "Sans déjeuner"


def test_a_choice_that_is_only_a_translation_is_refused(client, event, ticket, lunch):
    response = register(client, event, ticket, lunch, "en", "Vegetarian")

    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_translated_choices_must_match_the_first_list(lunch):
    lunch.choices_ar = "مع وجبة الغداء\nبدون وجبة الغداء"

    with pytest.raises(ValidationError) as error:
        lunch.full_clean()

    assert set(error.value.message_dict) == {"choices_ar"}


def test_a_language_without_its_choices_reads_the_french_ones(lunch):
    lunch.choices_en = ""

    assert lunch.choice_pairs("en") == [(choice, choice) for choice in lunch.choice_list]
    assert lunch.answer_label("Végétarien", "ar") == "وجبة نباتية"
