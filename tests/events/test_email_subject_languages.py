"""An attendee's e-mail subject is all in their language: the sentence, and the event's title where the event is
translated (its own title otherwise)."""

import pytest
from django.core import mail
from wagtail.models import Locale

from events.services import registration_create
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index, title="Forum du numérique")
    RegistrationSettingsFactory(event=event)
    return event


def register(event, language: str):
    ticket = TicketTypeFactory(event=event, member_price=0, non_member_price=0)
    return registration_create(
        event=event,
        ticket_type=ticket,
        attendee_name="Salma Bennani",
        attendee_email=f"salma.{language}@invitee.ma",
        language=language,
    )


def test_the_subject_names_the_event_by_its_translated_title(event, django_capture_on_commit_callbacks):
    english_index = event.get_parent().copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english_index.save_revision().publish()
    english = event.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Digital forum"
    english.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        register(event, "en")

    assert mail.outbox[-1].subject == "Your registration is confirmed: Digital forum"


def test_an_event_not_translated_keeps_its_title_in_the_subject(event, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        register(event, "en")

    assert mail.outbox[-1].subject == "Your registration is confirmed: Forum du numérique"
