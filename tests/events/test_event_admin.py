import datetime as dt
import time

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import EventIndexPage, EventPage
from tests.events.i18n import fr_html
from tests.factories.accounts import StaffUserFactory, add_totp
from tests.factories.events import EventPageFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    """A superuser whose session went through two-factor authentication, as the admin requires."""
    staff = StaffUserFactory()
    add_totp(staff)
    client.force_login(staff)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(staff.pk)
    session.save()
    return client


def event_form(**overrides):
    data = {
        "title": "Forum inter-clusters",
        "slug": "forum-inter-clusters",
        "event_type": "forum",
        "summary": "Les 13 clusters du Maroc se retrouvent.",
        "description": streamfield([]),
        "time_zone": "Africa/Casablanca",
        "start_date": "2027-02-20",
        "start_time": "10:00",
        "end_date": "2027-02-20",
        "end_time": "12:00",
        "city": "Casablanca",
        "event_speakers": inline_formset([]),
        "sessions": inline_formset([]),
        "partners": inline_formset([]),
        "comments": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("events", "eventpage", parent.pk))


def test_local_time_typed_in_the_admin_is_read_in_the_event_time_zone(admin_client, events_index):
    response = admin_client.post(add_url(events_index), event_form())

    assert response.status_code == 302
    event = EventPage.objects.get(slug="forum-inter-clusters", locale__language_code="fr")
    assert event.live
    assert event.start == dt.datetime(2027, 2, 20, 10, 0, tzinfo=dt.UTC)


def test_admin_refuses_a_time_skipped_by_the_clock_change(admin_client, events_index):
    response = admin_client.post(
        add_url(events_index),
        event_form(start_date="2027-03-28", end_date="2027-03-28", start_time="02:30", time_zone="Europe/Paris"),
    )

    assert response.status_code == 200
    skipped = "This time does not exist in %(zone)s: the clocks move forward over it."
    assert fr_html(skipped, zone="Europe/Paris") in response.text
    assert not EventPage.objects.exists()


def test_admin_refuses_an_unknown_time_zone(admin_client, events_index):
    response = admin_client.post(add_url(events_index), event_form(time_zone="Africa/Atlantis"))

    assert response.status_code == 200
    assert not EventPage.objects.exists()


def test_speaker_snippets_are_listed_in_the_admin(admin_client):
    SpeakerFactory(name="Salma Bennani")

    response = admin_client.get(reverse("wagtailsnippets_events_speaker:list"))

    assert response.status_code == 200
    assert "Salma Bennani" in response.text


def test_event_pages_go_only_under_the_events_index_or_another_event(events_index, site_root):
    event = EventPageFactory(parent=events_index)

    assert EventPage.can_create_at(events_index)
    assert EventPage.can_create_at(event)
    assert not EventPage.can_create_at(site_root)


def test_events_index_goes_under_the_home_page():
    from cms.models import HomePage

    assert EventIndexPage.allowed_parent_page_models() == [HomePage]
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
