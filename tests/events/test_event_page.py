import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.events.i18n import fr, fr_html
from tests.factories.events import (
    EventPageFactory,
    EventPartnerFactory,
    EventSessionFactory,
    EventSpeakerFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


def test_event_page_shows_its_local_times(client, events_index):
    event = EventPageFactory(
        parent=events_index, start_date=dt.date(2027, 2, 20), start_time=dt.time(10, 0), end_time=dt.time(12, 30)
    )

    response = client.get(event.url)

    assert "20 février 2027 à 10:00" in response.text
    assert "12:30" in response.text
    assert f"<dt>{fr('Casablanca time')}</dt>" not in response.text


def test_paris_event_also_shows_casablanca_time(client, events_index):
    # In July Paris is UTC+2 and Casablanca UTC+0 (for good since 20 September 2026).
    event = EventPageFactory(
        parent=events_index,
        time_zone="Europe/Paris",
        city="Paris",
        start_date=dt.date(2027, 7, 1),
        start_time=dt.time(14, 0),
        end_date=dt.date(2027, 7, 1),
        end_time=dt.time(16, 0),
    )

    text = client.get(event.url).text

    assert 'jeudi 1 juillet 2027 à 14:00</time>\n– <time datetime="2027-07-01T16:00">16:00' in text
    assert fr("Local time (%(zone)s)", zone="Europe/Paris") in text
    assert f"<dt>{fr('Casablanca time')}</dt>" in text
    assert 'jeudi 1 juillet 2027 à 12:00</time>\n– <time datetime="2027-07-01T14:00">14:00' in text


def test_parent_event_lists_its_side_meetings(client, events_index):
    fair = EventPageFactory(parent=events_index, title="MIDEST Casablanca")
    EventPageFactory(parent=fair, title="Réunion Maroc Cluster", event_type="side_meeting")

    response = client.get(fair.url)

    assert fr("Side meetings") in response.text
    assert "Réunion Maroc Cluster" in response.text


def test_side_meeting_says_which_event_it_is_part_of(client, events_index):
    fair = EventPageFactory(parent=events_index, title="MIDEST Casablanca")
    meeting = EventPageFactory(parent=fair, title="Réunion Maroc Cluster")

    response = client.get(meeting.url)

    assert fr("Part of:") in response.text
    assert f'href="{fair.url}">MIDEST Casablanca</a>' in response.text


def test_online_link_is_hidden_from_visitors(client, events_index):
    event = EventPageFactory(parent=events_index, is_online=True, online_url="https://meet.example.ma/secret-room")

    response = client.get(event.url)

    assert "secret-room" not in response.text
    assert fr("The link to join is sent to registered participants.") in response.text


def test_online_link_is_hidden_from_members_who_are_not_staff(client, events_index, member_user):
    event = EventPageFactory(parent=events_index, is_online=True, online_url="https://meet.example.ma/secret-room")
    client.force_login(member_user)

    assert "secret-room" not in client.get(event.url).text


def test_staff_see_the_online_link(client, events_index, staff_user):
    event = EventPageFactory(parent=events_index, is_online=True, online_url="https://meet.example.ma/secret-room")
    client.force_login(staff_user)

    assert 'href="https://meet.example.ma/secret-room"' in client.get(event.url).text


def test_members_only_event_says_registration_is_for_active_members(client, events_index):
    event = EventPageFactory(parent=events_index, members_only=True)

    response = client.get(event.url)

    assert response.status_code == 200
    assert fr("Registration for this event is reserved to active members.") in response.text


def test_event_page_shows_speakers_programme_and_partners(client, events_index):
    event = EventPageFactory(parent=events_index)
    speaker = SpeakerFactory(name="Salma Bennani", organisation="Morocco Numeric Cluster")
    EventSpeakerFactory(page=event, speaker=speaker)
    session = EventSessionFactory(page=event, title="Cloud souverain", room="Salle Atlas")
    session.speakers.set([speaker])
    session.save()
    EventPartnerFactory(page=event, name="CE3M", level="organiser")

    text = client.get(event.url).text

    assert "Salma Bennani" in text and "Morocco Numeric Cluster" in text
    assert "Cloud souverain" in text and "Salle Atlas" in text
    assert "CE3M" in text and fr_html("Organiser") in text


def test_map_link_searches_the_address_on_openstreetmap(client, events_index):
    event = EventPageFactory(
        parent=events_index, venue_name="Technopark", address="Route de Nouaceur", city="Casablanca"
    )

    assert "https://www.openstreetmap.org/search?query=Technopark%2C+Route+de+Nouaceur" in client.get(event.url).text


def test_event_page_queries_do_not_grow_with_speakers_and_sessions(client, events_index, django_assert_max_num_queries):
    event = EventPageFactory(parent=events_index)

    def add_programme(speaker_count, session_count):
        speakers = SpeakerFactory.create_batch(speaker_count)
        for speaker in speakers:
            EventSpeakerFactory(page=event, speaker=speaker)
        for _ in range(session_count):
            EventSessionFactory(page=event).speakers.set(speakers)

    add_programme(1, 1)
    with CaptureQueriesContext(connection) as queries:
        client.get(event.url)
    with_one_of_each = len(queries)
    add_programme(5, 10)
    # Written straight to the database: no publication tells the page's cached fragments to refresh.
    cache.clear()

    with django_assert_max_num_queries(with_one_of_each):
        response = client.get(event.url)

    assert response.text.count('class="event-session"') == 11
