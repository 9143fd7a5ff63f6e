"""After a change of the zone data: B2B meetings and request deadlines follow their wall-clock times, and both
participants get the moved meeting's updated invitation in their language."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from core.clock_changes import recompute_times
from partnerships.models import BrokerageSession, MeetingRequest
from tests.factories.meetings import MeetingRequestFactory

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


@pytest.fixture
def ben(ben):
    """Bruno reads his e-mails in English."""
    ben.user.preferred_language = "en"
    ben.user.save()
    return ben


def placed(session, slot, table, **kwargs):
    return MeetingRequestFactory(
        session=session,
        status=MeetingRequest.Status.ACCEPTED,
        answered_at=timezone.now(),
        starts_at=slot.start,
        ends_at=slot.end,
        table=table,
        **kwargs,
    )


def saved_under_the_old_rule(*meetings):
    """As the server with 2025b data stored them: each instant an hour early (UTC+1)."""
    for meeting in meetings:
        MeetingRequest.objects.filter(pk=meeting.pk).update(
            starts_at=meeting.starts_at - HOUR, ends_at=meeting.ends_at - HOUR
        )


def invitation(message):
    [(name, content, mimetype)] = [item for item in message.attachments if item[0].endswith(".ics")]
    return Calendar.from_ical(content).events[0]


def test_moved_meetings_get_their_slot_back_and_both_participants_an_update(
    session, ana, ben, django_capture_on_commit_callbacks
):
    first, second = session.slots[0], session.slots[1]
    meeting = placed(session, first, 1, requester=ana, recipient=ben)
    assert meeting.starts_local == first.start.replace(tzinfo=None)
    other = placed(session, second, 1)
    saved_under_the_old_rule(meeting, other)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        moved = [change for change in recompute_times() if change.kind == "b2b_meeting"]

    assert {change.object_id for change in moved} == {meeting.pk, other.pk}
    assert all(change.notified == 2 and change.new - change.old == HOUR for change in moved)
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.ends_at, meeting.table, meeting.sequence) == (first.start, first.end, 1, 1)
    by_person = {message.to[0]: message for message in mail.outbox if message.to[0] in (ana.user.email, ben.user.email)}
    assert set(by_person) == {ana.user.email, ben.user.email}
    assert by_person[ana.user.email].body.startswith("Bonjour,")
    assert by_person[ben.user.email].body.startswith("Hello,")
    for message in by_person.values():
        vevent = invitation(message)
        assert vevent.decoded("DTSTART") == first.start
        assert int(vevent["SEQUENCE"]) == 1
    assert recompute_times() == []


def test_a_dry_run_lists_the_meetings_and_sends_nothing(session, ana, ben):
    meeting = placed(session, session.slots[0], 1, requester=ana, recipient=ben)
    saved_under_the_old_rule(meeting)
    mail.outbox.clear()

    [change] = [change for change in recompute_times(dry_run=True) if change.kind == "b2b_meeting"]

    assert change.label.startswith(session.event.title)
    assert MeetingRequest.objects.get(pk=meeting.pk).starts_at == session.slots[0].start - HOUR
    assert mail.outbox == []


def test_a_meeting_whose_table_is_taken_at_the_new_time_goes_back_to_the_scheduler(
    session, ana, ben, django_capture_on_commit_callbacks
):
    """The 09:20 meeting was saved under the old rule at 08:20Z; since then the secretariat placed another one at
    09:20 on the same table (under the new data). Recomputing cannot put both there."""
    first, second = session.slots[0], session.slots[1]
    stale = placed(session, second, 1, requester=ana, recipient=ben)
    saved_under_the_old_rule(stale)
    taken = placed(session, second, 1)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        [change] = [change for change in recompute_times() if change.kind == "b2b_meeting"]

    assert (change.object_id, change.notified) == (stale.pk, 0)
    assert "place again" in change.note or "placer" in change.note
    stale.refresh_from_db()
    assert (stale.starts_at, stale.table, stale.status) == (None, None, MeetingRequest.Status.ACCEPTED)
    assert MeetingRequest.objects.get(pk=taken.pk).starts_at == second.start
    assert first.start  # the slot before stays free
    assert mail.outbox == []


def test_the_request_deadline_follows_its_typed_time(session):
    session.request_deadline_local = dt.datetime.combine(session.event.start_date, dt.time(8, 0))
    session.save()
    typed = session.request_deadline
    BrokerageSession.objects.filter(pk=session.pk).update(request_deadline=typed - HOUR)

    [change] = [change for change in recompute_times() if change.kind == "request_deadline"]

    assert (change.old, change.new) == (typed - HOUR, typed)
    assert BrokerageSession.objects.get(pk=session.pk).request_deadline == typed
