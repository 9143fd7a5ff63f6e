"""Event choosers of the admin list each event once — its default-language page, its language shown — although the
synced page tree gives every event an alias per language, and a translation is a page of its own."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from events.admin_forms import EventChoiceField, one_per_event
from tests.events.staff import REGISTRATION_PERMISSIONS, log_in, staff_user
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationFactory, RegistrationSettingsFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(events_index):
    english, arabic = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="ar")
    forum = EventPageFactory(parent=events_index, title="Forum de l'export", days_from_now=10)
    forum.copy_for_translation(arabic, copy_parents=True, alias=True)
    forum_en = forum.copy_for_translation(english, copy_parents=True)
    forum_en.title = "Export forum"
    forum_en.save()
    meetup = EventPageFactory(parent=events_index, title="Fintech meetup", days_from_now=20)
    meetup_en = meetup.copy_for_translation(english, copy_parents=True)
    meetup.delete()  # written in English only
    return {"forum": forum, "forum_en": forum_en, "meetup_en": meetup_en}


def test_each_event_is_chosen_once_by_its_default_language_page(events):
    chosen = list(one_per_event())

    assert chosen == [events["meetup_en"], events["forum"]]


def test_the_choice_shows_the_title_the_date_and_the_language(events):
    field = EventChoiceField(queryset=one_per_event())

    with translation.override("fr"):
        labels = [label for _value, label in field.choices][1:]

    assert labels[0].startswith("Export forum") is False
    assert labels[0].startswith("Fintech meetup") and labels[0].endswith("· Anglais")
    assert labels[1].startswith("Forum de l'export · ") and labels[1].endswith("· Français")


def test_filtering_registrations_by_an_event_keeps_those_of_its_translations(client, events):
    for event in (events["forum"], events["meetup_en"]):
        RegistrationSettingsFactory(event=event)
    french = RegistrationFactory(ticket_type=TicketTypeFactory(event=events["forum"]), attendee_name="Salma Idrissi")
    english = RegistrationFactory(ticket_type=TicketTypeFactory(event=events["forum_en"]), attendee_name="John Smith")
    other = RegistrationFactory(ticket_type=TicketTypeFactory(event=events["meetup_en"]), attendee_name="Aya Tazi")
    admin = log_in(client, staff_user(*REGISTRATION_PERMISSIONS))

    html = admin.get(reverse("events_registrations:index"), {"event": events["forum"].pk}).text
    options = html.split('name="event"', 1)[1].split("</select>", 1)[0]

    assert french.attendee_name in html and english.attendee_name in html
    assert other.attendee_name not in html
    assert options.count("Forum de l") == 1 and "Export forum" not in options


@pytest.mark.parametrize("url_name", ["events_ticket_types:add", "events_questions:add", "partnerships_brokerage:add"])
def test_the_admin_forms_that_point_at_an_event_list_each_event_once(client, events, url_name):
    from tests.factories.accounts import StaffUserFactory, login_with_mfa

    admin = login_with_mfa(client, StaffUserFactory())

    html = admin.get(reverse(url_name)).text
    options = html.split('name="event"', 1)[1].split("</select>", 1)[0]

    assert options.count("Forum de l") == 1 and "Export forum" not in options
    assert options.count("Fintech meetup") == 1
