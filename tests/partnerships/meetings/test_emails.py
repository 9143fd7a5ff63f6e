"""E-mails about B2B meetings: the request to the person asked, the answer to the person asking, and the time and
table to both when the secretariat places or moves the meeting, each in the recipient's language."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from icalendar import Calendar

from partnerships.meetings import services
from partnerships.meetings.emails import send_meeting_email
from partnerships.models import MeetingRequest
from tests.factories.meetings import MeetingRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ben(ben):
    """Bruno reads his e-mails in English."""
    ben.user.preferred_language = "en"
    ben.user.save()
    return ben


@pytest.fixture
def pending(session, ana, ben):
    return MeetingRequestFactory(session=session, requester=ana, recipient=ben, message="Parlons moules.")


def accepted(session, **kwargs):
    return MeetingRequestFactory(
        session=session, status=MeetingRequest.Status.ACCEPTED, answered_at=timezone.now(), **kwargs
    )


def invitation(message) -> Calendar:
    files = [attachment for attachment in message.attachments if attachment[0].endswith(".ics")]
    assert len(files) == 1
    name, content, mimetype = files[0]
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


def url(name: str, pk: int, language: str) -> str:
    with translation.override(language):
        return "http://testserver" + reverse(name, args=[pk])


def day_name(moment: dt.datetime, language: str) -> str:
    """The weekday of an aware time in its own zone, as `language` writes it."""
    with translation.override(language):
        return formats.date_format(moment, "l")


def test_the_person_asked_gets_the_request_in_their_language_with_a_link_to_answer(client, session, ana, ben):
    client.force_login(ana.user)

    client.post(
        reverse("partnerships:meeting_request_create", args=[session.pk, ben.pk]), {"message": "Parlons moules."}
    )

    meeting = MeetingRequest.objects.get()
    assert [message.to for message in mail.outbox] == [[ben.user.email]]
    message = mail.outbox[0]
    assert ana.name in message.subject and session.event.title in message.subject
    assert message.body.startswith("Hello,")
    assert "Parlons moules." in message.body
    assert url("partnerships:meeting_request", meeting.pk, "en") in message.body
    html = message.alternatives[0][0]
    assert '<html lang="en"' in html
    assert f'href="{url("partnerships:meeting_request", meeting.pk, "en")}"' in html
    assert not message.attachments


@pytest.mark.parametrize(("language", "hello"), [("fr", "Bonjour,"), ("ar", "مرحبًا،")])
def test_the_request_follows_the_language_the_person_asked_chose(session, ana, ben, language, hello):
    ben.user.preferred_language = language
    ben.user.save()

    meeting = services.meeting_request_send(requester=ana, recipient=ben, message="Bonjour.", by=ana.user)

    body = mail.outbox[0].body
    assert body.startswith(hello)
    assert url("partnerships:meeting_request", meeting.pk, language) in body
    assert url("partnerships:meeting_request", meeting.pk, "en") not in body


def test_the_requester_gets_the_acceptance_with_slot_table_and_invitation(client, session, pending, ana, ben):
    client.force_login(ben.user)

    client.post(reverse("partnerships:meeting_request_action", args=[pending.pk, "accept"]))

    pending.refresh_from_db()
    assert pending.starts_at == session.slots[0].start and pending.table == 1
    assert [message.to for message in mail.outbox] == [[ana.user.email], [ben.user.email]]
    message = mail.outbox[0]
    assert ben.name in message.subject
    assert message.body.startswith("Bonjour,")  # Alice's language, not Bruno's
    local_start = session.slots[0].start
    assert day_name(local_start, "fr") in message.body
    assert f"{local_start:%H:%M}" in message.body
    assert url("partnerships:meeting_agenda", session.pk, "fr") in message.body
    vevent = invitation(message).events[0]
    assert invitation(message)["METHOD"] == "REQUEST"
    assert str(vevent["UID"]) == f"meeting-{pending.pk}@testserver"
    assert vevent.decoded("DTSTART") == session.slots[0].start
    assert vevent.decoded("DTEND") == session.slots[0].end
    assert int(vevent["SEQUENCE"]) == 0
    assert ben.name in str(vevent["SUMMARY"])
    assert str(vevent["DESCRIPTION"]).endswith(" 1")
    assert str(vevent["ATTENDEE"]) == f"mailto:{ana.user.email}"


def test_the_member_who_accepts_gets_the_slot_and_the_invitation_too(client, session, pending, ana, ben):
    client.force_login(ben.user)

    client.post(reverse("partnerships:meeting_request_action", args=[pending.pk, "accept"]))

    [message] = [message for message in mail.outbox if message.to == [ben.user.email]]
    assert ana.name in message.subject
    vevent = invitation(message).events[0]
    assert invitation(message)["METHOD"] == "REQUEST"
    assert str(vevent["UID"]) == f"meeting-{pending.pk}@testserver"
    assert vevent.decoded("DTSTART") == session.slots[0].start
    assert str(vevent["ATTENDEE"]) == f"mailto:{ben.user.email}"
    assert ana.name in str(vevent["SUMMARY"])


def test_an_acceptance_without_a_free_slot_says_so_and_carries_no_invitation(session, ana, ben):
    session.tables = 1
    session.save()
    for slot in session.slots:
        accepted(session, starts_at=slot.start, ends_at=slot.end, table=1)
    mail.outbox.clear()
    meeting = MeetingRequestFactory(session=session, requester=ana, recipient=ben)

    services.meeting_request_accept(request=meeting, by=ben.user)

    assert [message.to for message in mail.outbox] == [[ana.user.email]]
    assert not mail.outbox[0].attachments
    assert not any(mimetype == "text/calendar" for _content, mimetype in mail.outbox[0].alternatives)


def test_the_requester_hears_of_a_decline_with_a_link_to_the_other_participants(client, session, pending, ana, ben):
    client.force_login(ben.user)

    client.post(reverse("partnerships:meeting_request_action", args=[pending.pk, "decline"]))

    assert [message.to for message in mail.outbox] == [[ana.user.email]]
    message = mail.outbox[0]
    assert ben.name in message.subject
    assert url("partnerships:meeting_participants", session.pk, "fr") in message.body
    assert not message.attachments


def test_both_participants_hear_when_the_secretariat_moves_their_meeting(client, secretary, session, ana, ben):
    first, target = session.slots[0], session.slots[3]
    meeting = accepted(session, requester=ana, recipient=ben, starts_at=first.start, ends_at=first.end, table=1)
    mail.outbox.clear()

    response = client.post(
        reverse("partnerships_brokerage:move", args=[meeting.pk]), {"slot": target.start.isoformat(), "table": 2}
    )

    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == sorted([ana.user.email, ben.user.email])
    by_person = {message.to[0]: message for message in mail.outbox}
    assert by_person[ben.user.email].body.startswith("Hello,")
    assert day_name(target.start, "en") in by_person[ben.user.email].body
    assert by_person[ana.user.email].body.startswith("Bonjour,")
    for person, other in ((ana, ben), (ben, ana)):
        message = by_person[person.user.email]
        assert other.name in message.subject
        vevent = invitation(message).events[0]
        assert str(vevent["UID"]) == f"meeting-{meeting.pk}@testserver"
        assert vevent.decoded("DTSTART") == target.start
        assert int(vevent["SEQUENCE"]) == 1
        assert str(vevent["DESCRIPTION"]).endswith(" 2")


def test_both_participants_hear_when_the_scheduler_places_their_meeting(client, secretary, session, ana, ben):
    meeting = accepted(session, requester=ana, recipient=ben)
    mail.outbox.clear()

    client.post(reverse("partnerships_brokerage:schedule", args=[session.pk]))

    meeting.refresh_from_db()
    assert meeting.is_scheduled
    assert sorted(message.to[0] for message in mail.outbox) == sorted([ana.user.email, ben.user.email])
    for message in mail.outbox:
        assert invitation(message).events[0].decoded("DTSTART") == meeting.starts_at


def test_a_move_to_where_the_meeting_already_is_sends_nothing(session, secretary, ana, ben):
    slot = session.slots[0]
    meeting = accepted(session, requester=ana, recipient=ben, starts_at=slot.start, ends_at=slot.end, table=1)
    mail.outbox.clear()

    services.meeting_move(meeting=meeting, starts_at=slot.start, table=1, by=secretary)

    assert mail.outbox == []


def test_a_refused_move_sends_nothing(client, secretary, session, ana, ben):
    slot = session.slots[0]
    accepted(session, starts_at=slot.start, ends_at=slot.end, table=1)
    meeting = accepted(session, requester=ana, recipient=ben)
    mail.outbox.clear()

    response = client.post(
        reverse("partnerships_brokerage:move", args=[meeting.pk]), {"slot": slot.start.isoformat(), "table": 1}
    )

    assert response.status_code == 400
    assert mail.outbox == []


def test_the_requester_cannot_answer_their_own_request_and_nobody_is_emailed(client, pending, ana):
    client.force_login(ana.user)

    client.post(reverse("partnerships:meeting_request_action", args=[pending.pk, "accept"]))

    pending.refresh_from_db()
    assert pending.status == MeetingRequest.Status.PENDING
    assert mail.outbox == []


def test_an_answer_after_the_deadline_is_refused_and_nobody_is_emailed(client, session, pending, ben):
    session.request_deadline = timezone.now() - dt.timedelta(minutes=1)
    session.save()
    client.force_login(ben.user)

    client.post(reverse("partnerships:meeting_request_action", args=[pending.pk, "decline"]))

    pending.refresh_from_db()
    assert pending.status == MeetingRequest.Status.PENDING
    assert mail.outbox == []


def test_a_second_request_to_the_same_person_is_refused_and_not_emailed(client, session, pending, ana, ben):
    client.force_login(ana.user)

    response = client.post(
        reverse("partnerships:meeting_request_create", args=[session.pk, ben.pk]), {"message": "Encore moi."}
    )

    assert response.status_code == 400
    assert mail.outbox == []


def test_a_request_answered_before_its_email_went_out_is_not_emailed(pending, ben):
    pending.status = MeetingRequest.Status.DECLINED
    pending.save()

    send_meeting_email.call(kind="meeting_requested", meeting_id=pending.pk, user_id=ben.user.pk)

    assert mail.outbox == []
