"""The secretariat's B2B meetings in the admin: settings, organiser's overview, scheduler, manual moves, export."""

import datetime as dt
import random

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from events.feeds import personal_feed_items
from partnerships.models import BrokerageSession, MeetingRequest
from tests.factories.events import EventPageFactory
from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory, MeetingRequestFactory
from tests.spreadsheets import csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return BrokerageSessionFactory()


def accepted(session, **kwargs):
    return MeetingRequestFactory(
        session=session, status=MeetingRequest.Status.ACCEPTED, answered_at=timezone.now(), **kwargs
    )


def test_the_secretariat_turns_on_a_brokerage_session_for_an_event(client, secretary):
    event = EventPageFactory()
    deadline = timezone.localtime() + dt.timedelta(days=5)

    response = client.post(
        reverse("partnerships_brokerage:add"),
        {
            "event": event.pk,
            "is_open": "on",
            "slot_minutes": 20,
            "day_start": "09:00",
            "day_end": "17:00",
            "breaks_0_start": "12:30",
            "breaks_0_end": "14:00",
            "breaks_1_start": "",
            "breaks_1_end": "",
            "tables": 12,
            "cap": 6,
            "request_deadline_local": deadline.strftime("%Y-%m-%d %H:%M"),
        },
    )

    assert response.status_code == 302
    session = BrokerageSession.objects.get(event=event)
    assert session.breaks == [["12:30", "14:00"]]
    assert session.tables == 12 and len(session.slots) == 24 - 5  # 09:00–17:00 in 20 min, less 12:20–14:00


def test_malformed_breaks_are_refused_with_the_form_kept(client, secretary):
    event = EventPageFactory()

    response = client.post(
        reverse("partnerships_brokerage:add"),
        {
            "event": event.pk,
            "slot_minutes": 20,
            "day_start": "09:00",
            "day_end": "17:00",
            "breaks_0_start": "midi",
            "breaks_0_end": "14:00",
            "tables": 2,
            "cap": 3,
            "request_deadline_local": "2030-01-01 10:00",
        },
    )

    assert response.status_code == 200
    assert not BrokerageSession.objects.exists()
    assert 'value="midi"' in response.content.decode()


def test_the_scheduler_places_every_accepted_meeting_without_clashes(client, secretary, session):
    people = [MeetingProfileFactory(session=session) for _ in range(4)]
    meetings = [
        accepted(session, requester=a, recipient=b)
        for a, b in [(0, 1), (0, 2), (0, 3), (1, 2), (2, 3)]
        for a, b in [(people[a], people[b])]
    ]

    response = client.post(reverse("partnerships_brokerage:schedule", args=[session.pk]))

    assert response.status_code == 302
    placed = MeetingRequest.objects.filter(pk__in=[m.pk for m in meetings], starts_at__isnull=False)
    assert placed.count() == 5
    seen = set()
    for meeting in placed:
        for key in [
            ("table", meeting.starts_at, meeting.table),
            ("person", meeting.starts_at, meeting.requester_id),
            ("person", meeting.starts_at, meeting.recipient_id),
        ]:
            assert key not in seen
            seen.add(key)


def test_the_overview_shows_requests_acceptance_rate_and_the_table_plan(client, secretary, session):
    first = accepted(session)
    MeetingRequestFactory(session=session, status=MeetingRequest.Status.DECLINED)
    MeetingRequestFactory(session=session, status=MeetingRequest.Status.ACCEPTED)
    client.post(reverse("partnerships_brokerage:schedule", args=[session.pk]))
    MeetingRequestFactory(session=session)

    page = client.get(reverse("partnerships_brokerage:overview", args=[session.pk])).content.decode()

    assert 'data-figure="requests">4<' in page
    assert 'data-figure="acceptance">67 %<' in page
    assert 'data-figure="scheduled">2<' in page
    assert reverse("partnerships_brokerage:move", args=[first.pk]) in page  # in the table plan


def test_a_move_to_a_free_slot_and_table_is_saved(client, secretary, session):
    meeting = accepted(session)
    target = session.slots[3]

    response = client.post(
        reverse("partnerships_brokerage:move", args=[meeting.pk]), {"slot": target.start.isoformat(), "table": 2}
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.ends_at, meeting.table) == (target.start, target.end, 2)


def test_a_move_onto_a_taken_table_is_refused(client, secretary, session):
    slot = session.slots[0]
    accepted(session, starts_at=slot.start, ends_at=slot.end, table=1)
    meeting = accepted(session)

    response = client.post(
        reverse("partnerships_brokerage:move", args=[meeting.pk]), {"slot": slot.start.isoformat(), "table": 1}
    )

    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.starts_at is None


def test_a_move_that_double_books_a_person_is_refused(client, secretary, session):
    slot = session.slots[0]
    ana = MeetingProfileFactory(session=session)
    accepted(session, requester=ana, starts_at=slot.start, ends_at=slot.end, table=1)
    meeting = accepted(session, recipient=ana)

    response = client.post(
        reverse("partnerships_brokerage:move", args=[meeting.pk]), {"slot": slot.start.isoformat(), "table": 2}
    )

    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.starts_at is None


def test_a_move_to_a_table_that_does_not_exist_is_refused(client, secretary, session):
    meeting = accepted(session)

    response = client.post(
        reverse("partnerships_brokerage:move", args=[meeting.pk]),
        {"slot": session.slots[0].start.isoformat(), "table": session.tables + 1},
    )

    assert response.status_code == 400


def test_the_export_lists_every_meeting_with_time_and_table(client, secretary, session):
    ana = MeetingProfileFactory(session=session, company_name="Atlas Composants")
    accepted(session, requester=ana)
    client.post(reverse("partnerships_brokerage:schedule", args=[session.pk]))
    MeetingRequestFactory(session=session)

    response = client.get(reverse("partnerships_brokerage:export", args=[session.pk]))

    rows = csv_rows(response)
    assert len(rows) == 3
    placed = next(row for row in rows[1:] if row[6] == "Atlas Composants")
    assert placed[2].endswith("09:00") and placed[4] == "1"


def test_members_cannot_open_the_meetings_admin(client, session, alice):
    meeting = accepted(session)
    client.force_login(alice)

    for name in ("overview", "export"):
        response = client.get(reverse(f"partnerships_brokerage:{name}", args=[session.pk]))
        assert response.status_code in (302, 403), name
    client.post(reverse("partnerships_brokerage:schedule", args=[session.pk]))
    meeting.refresh_from_db()
    assert meeting.starts_at is None


def test_event_managers_may_run_the_meetings(db):
    codenames = set(Group.objects.get(name="Responsable des événements").permissions.values_list("codename", flat=True))

    assert {"change_brokeragesession", "view_meetingrequest", "change_meetingrequest"} <= codenames


def test_a_moved_meeting_is_updated_in_the_calendar_feeds(client, secretary, session):
    ana = MeetingProfileFactory(session=session)
    meeting = accepted(session, requester=ana)
    client.post(reverse("partnerships_brokerage:schedule", args=[session.pk]))

    client.post(
        reverse("partnerships_brokerage:move", args=[meeting.pk]),
        {"slot": session.slots[2].start.isoformat(), "table": 1},
    )

    [item] = [item for item in personal_feed_items(ana.user) if item.uid.startswith("meeting-")]
    assert (item.start, item.sequence) == (session.slots[2].start, 1)


def test_random_accepted_requests_scheduled_in_the_database_keep_every_rule(client, secretary):
    rng = random.Random(20261014)
    session = BrokerageSessionFactory(tables=2, cap=3)
    people = [MeetingProfileFactory(session=session) for _ in range(7)]
    for _ in range(25):
        a, b = rng.sample(people, 2)
        accepted(session, requester=a, recipient=b)

    client.post(reverse("partnerships_brokerage:schedule", args=[session.pk]))

    placed = list(MeetingRequest.objects.filter(session=session, starts_at__isnull=False))
    assert placed
    slot_starts = {slot.start for slot in session.slots}
    per_person, seen = {}, set()
    for meeting in placed:
        assert meeting.starts_at in slot_starts and 1 <= meeting.table <= session.tables
        for key in [
            ("table", meeting.starts_at, meeting.table),
            ("person", meeting.starts_at, meeting.requester_id),
            ("person", meeting.starts_at, meeting.recipient_id),
        ]:
            assert key not in seen
            seen.add(key)
        for person in (meeting.requester_id, meeting.recipient_id):
            per_person[person] = per_person.get(person, 0) + 1
    assert max(per_person.values()) <= session.cap
