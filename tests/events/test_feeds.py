"""The public calendar feed, and each person's feed behind a secret token."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from events import feeds
from events.calendars import CalendarItem
from events.models import CalendarFeedToken, EventType, Registration
from tests.factories.calendars import CalendarFeedTokenFactory
from tests.factories.events import EventPageFactory
from tests.factories.members import MemberUserFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db

PUBLIC_FEED = "/calendar/events.ics"


def uids(response) -> list[str]:
    return [str(vevent["UID"]) for vevent in Calendar.from_ical(response.content).events]


def uid(event) -> str:
    return f"event-{event.pk}@testserver"


def personal_feed_url(feed_token: CalendarFeedToken) -> str:
    return f"/calendar/me/{feed_token.token}.ics"


def register(user, event, **kwargs) -> Registration:
    return RegistrationFactory(
        ticket_type=TicketTypeFactory(event=event), user=user, attendee_email=user.email, **kwargs
    )


# The public feed


def test_public_feed_lists_upcoming_events_soonest_first(client, events_index):
    later = EventPageFactory(parent=events_index, days_from_now=60)
    sooner = EventPageFactory(parent=events_index, days_from_now=10)

    response = client.get(PUBLIC_FEED)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert uids(response) == [uid(sooner), uid(later)]


def test_public_feed_keeps_the_last_90_days_of_past_events(client, events_index):
    recent = EventPageFactory(parent=events_index, days_from_now=-30)
    old = EventPageFactory(parent=events_index, days_from_now=-120)

    found = uids(client.get(PUBLIC_FEED))

    assert uid(recent) in found
    assert uid(old) not in found


def test_public_feed_leaves_out_drafts_and_restricted_events(client, events_index):
    EventPageFactory(parent=events_index, live=False)
    private = EventPageFactory(parent=events_index)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    public = EventPageFactory(parent=events_index)

    assert uids(client.get(PUBLIC_FEED)) == [uid(public)]


def test_public_feed_never_shows_online_links(client, events_index):
    EventPageFactory(parent=events_index, is_online=True, online_url="https://meet.example.ma/secret-room")

    assert b"secret-room" not in client.get(PUBLIC_FEED).content


def test_public_feed_filtered_by_type_keeps_only_that_type(client, events_index):
    workshop = EventPageFactory(parent=events_index, event_type=EventType.WORKSHOP)
    EventPageFactory(parent=events_index, event_type=EventType.CONFERENCE)

    assert uids(client.get(PUBLIC_FEED, {"type": "workshop"})) == [uid(workshop)]


def test_public_feed_with_an_unknown_type_is_a_bad_request(client, events_index):
    response = client.get(PUBLIC_FEED, {"type": "party"})

    assert response.status_code == 400
    assert "conference" in response.text


def test_public_feed_is_a_named_subscribable_calendar(client, events_index):
    calendar = Calendar.from_ical(client.get(PUBLIC_FEED).content)

    assert "METHOD" not in calendar  # no ORGANIZER in a feed, so no METHOD:PUBLISH (RFC 5546)
    assert "X-WR-CALNAME" in calendar
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT1H"
    # Outlook reads X-PUBLISHED-TTL as an RFC 5545 DURATION: "1:00:00" is ignored.
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in client.get(PUBLIC_FEED).content


def test_public_feed_may_be_cached_by_clients_and_proxies(client, events_index):
    # A published page has its publication time as the DTSTAMP; without one the stamp is "now", and two requests a
    # second apart would differ.
    EventPageFactory(parent=events_index, last_published_at=timezone.now())
    response = client.get(PUBLIC_FEED)

    assert "public" in response["Cache-Control"]
    assert "max-age=3600" in response["Cache-Control"]
    assert client.get(PUBLIC_FEED, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_event_index_links_to_the_feed_as_a_webcal_subscription(client, events_index):
    text = client.get(events_index.url).text

    assert 'href="webcal://testserver/calendar/events.ics"' in text


def test_event_index_filtered_by_type_links_to_the_feed_of_that_type(client, events_index):
    text = client.get(events_index.url, {"type": "webinar"}).text

    assert 'href="webcal://testserver/calendar/events.ics?type=webinar"' in text


def test_public_feed_costs_the_same_queries_for_2_or_20_events(client, events_index, django_assert_max_num_queries):
    for _ in range(2):
        EventPageFactory(parent=events_index)
    client.get(PUBLIC_FEED)  # warms the site root paths cache
    with CaptureQueriesContext(connection) as queries:
        client.get(PUBLIC_FEED)
    with_2_events = len(queries)
    for days in range(18):
        EventPageFactory(parent=events_index, days_from_now=days + 1, time_zone="Europe/Paris")

    with django_assert_max_num_queries(with_2_events):
        response = client.get(PUBLIC_FEED)

    assert len(uids(response)) == 20


# The personal feed


def test_personal_feed_lists_the_confirmed_registrations_of_its_owner(client, events_index):
    user = MemberUserFactory()
    registered = EventPageFactory(parent=events_index)
    register(user, registered)

    response = client.get(personal_feed_url(CalendarFeedTokenFactory(user=user)))

    assert response.status_code == 200
    assert uids(response) == [uid(registered)]


def test_personal_feed_leaves_out_cancelled_and_unpaid_registrations(client, events_index):
    user = MemberUserFactory()
    register(user, EventPageFactory(parent=events_index), status=Registration.Status.CANCELLED)
    register(user, EventPageFactory(parent=events_index), status=Registration.Status.RESERVED)

    assert uids(client.get(personal_feed_url(CalendarFeedTokenFactory(user=user)))) == []


def test_personal_feed_never_lists_other_peoples_events(client, events_index):
    user, colleague = MemberUserFactory(), MemberUserFactory()
    register(colleague, EventPageFactory(parent=events_index))
    mine = EventPageFactory(parent=events_index)
    register(user, mine)

    assert uids(client.get(personal_feed_url(CalendarFeedTokenFactory(user=user)))) == [uid(mine)]


def test_personal_feed_leaves_out_registrations_made_for_a_colleague(client, events_index):
    booker, colleague = MemberUserFactory(), MemberUserFactory()
    event = EventPageFactory(parent=events_index)
    RegistrationFactory(
        ticket_type=TicketTypeFactory(event=event),
        user=colleague,
        registered_by=booker,
        attendee_email=colleague.email,
    )

    assert uids(client.get(personal_feed_url(CalendarFeedTokenFactory(user=booker)))) == []
    assert uids(client.get(personal_feed_url(CalendarFeedTokenFactory(user=colleague)))) == [uid(event)]


def test_personal_feed_needs_no_login_and_is_kept_private_by_caches(client, events_index):
    response = client.get(personal_feed_url(CalendarFeedTokenFactory()))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_personal_feed_with_an_unknown_token_is_not_found(client, db):
    CalendarFeedTokenFactory()

    assert client.get("/calendar/me/not-a-real-token.ics").status_code == 404


def test_personal_feed_of_a_deactivated_account_is_not_found(client, db):
    feed_token = CalendarFeedTokenFactory(user__is_active=False)

    assert client.get(personal_feed_url(feed_token)).status_code == 404


def test_other_apps_can_add_their_own_items_to_the_personal_feed(client, events_index, monkeypatch):
    user = MemberUserFactory()
    meeting = CalendarItem(
        uid="b2b-meeting-7@testserver",
        start=dt.datetime(2027, 3, 1, 10, 0, tzinfo=dt.UTC),
        end=dt.datetime(2027, 3, 1, 10, 30, tzinfo=dt.UTC),
        summary="B2B meeting",
    )
    monkeypatch.setattr(feeds, "_personal_feed_sources", list(feeds._personal_feed_sources))
    feeds.register_personal_feed_source(lambda owner: [meeting] if owner == user else [])
    register(user, EventPageFactory(parent=events_index, start_date=dt.date(2027, 4, 1)))

    found = uids(client.get(personal_feed_url(CalendarFeedTokenFactory(user=user))))

    assert found[0] == "b2b-meeting-7@testserver"
    assert len(found) == 2


def test_personal_feed_costs_the_same_queries_for_1_or_15_registrations(
    client, events_index, django_assert_max_num_queries
):
    user = MemberUserFactory()
    feed_token = CalendarFeedTokenFactory(user=user)
    register(user, EventPageFactory(parent=events_index))
    client.get(personal_feed_url(feed_token))
    with CaptureQueriesContext(connection) as queries:
        client.get(personal_feed_url(feed_token))
    with_1_registration = len(queries)
    for days in range(14):
        register(user, EventPageFactory(parent=events_index, days_from_now=days + 1))

    with django_assert_max_num_queries(with_1_registration):
        response = client.get(personal_feed_url(feed_token))

    assert len(uids(response)) == 15


# The personal feed's address in My space


def test_my_space_offers_to_create_the_calendar_address(client):
    user = MemberUserFactory()
    client.force_login(user)

    text = client.get(reverse("members:dashboard")).text

    assert reverse("events:personal_calendar_reset") in text
    assert "/calendar/me/" not in text


def test_creating_the_calendar_address_shows_it_in_my_space(client):
    user = MemberUserFactory()
    client.force_login(user)

    response = client.post(reverse("events:personal_calendar_reset"), follow=True)

    feed_token = CalendarFeedToken.objects.get(user=user)
    assert response.redirect_chain[-1][0] == reverse("members:dashboard") + "#calendar"
    assert f"http://testserver/calendar/me/{feed_token.token}.ics" in response.text
    assert f"webcal://testserver/calendar/me/{feed_token.token}.ics" in response.text


def test_resetting_the_address_makes_the_old_one_not_found(client, events_index):
    feed_token = CalendarFeedTokenFactory()
    old_url = personal_feed_url(feed_token)
    client.force_login(feed_token.user)

    client.post(reverse("events:personal_calendar_reset"))

    feed_token.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(personal_feed_url(feed_token)).status_code == 200


def test_resetting_needs_a_login(client, db):
    response = client.post(reverse("events:personal_calendar_reset"))

    assert response.status_code == 302
    assert CalendarFeedToken.objects.count() == 0


def test_resetting_is_refused_on_get(client):
    client.force_login(MemberUserFactory())

    assert client.get(reverse("events:personal_calendar_reset")).status_code == 405
    assert CalendarFeedToken.objects.count() == 0


def test_my_space_shows_only_my_own_calendar_address(client):
    mine, theirs = CalendarFeedTokenFactory(), CalendarFeedTokenFactory()
    client.force_login(mine.user)

    text = client.get(reverse("members:dashboard")).text

    assert mine.token in text
    assert theirs.token not in text


def test_feed_token_is_long_and_random(db):
    first, second = CalendarFeedTokenFactory(), CalendarFeedTokenFactory()

    assert len(first.token) >= 40
    assert first.token != second.token
