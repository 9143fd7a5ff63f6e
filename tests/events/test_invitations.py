"""Each attendee's invitation (.ics) and the e-mails that carry it: confirmed, updated, cancelled."""

import datetime as dt

import pytest
from django.core import mail
from icalendar import Calendar

from events.calendars import registration_invitation
from events.emails import (
    send_event_updated,
    send_registration_cancelled,
    send_registration_confirmed,
    send_registration_transferred,
)
from events.models import Registration
from tests.events.vtimezone_reader import event_times, read_vtimezones
from tests.factories.events import EventPageFactory
from tests.factories.registrations import RegistrationFactory, TicketTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(events_index):
    return EventPageFactory(
        parent=events_index,
        title="Forum inter-clusters",
        start_date=dt.date(2027, 6, 3),
        start_time=dt.time(9, 0),
        end_date=dt.date(2027, 6, 3),
        end_time=dt.time(13, 0),
        venue_name="Technopark",
        city="Rabat",
        is_online=True,
        online_url="https://meet.example.ma/forum-room",
    )


def registration_for(event, **kwargs) -> Registration:
    kwargs = {"attendee_name": "Salma Bennani", "attendee_email": "salma@exemple.ma", **kwargs}
    return RegistrationFactory(
        ticket_type=TicketTypeFactory(event=event, name="Pass journée", name_en="Day pass"), **kwargs
    )


def publish(event, **changes):
    for field, value in changes.items():
        setattr(event, field, value)
    event.save_revision().publish()
    event.refresh_from_db()


def attached_calendar(message) -> Calendar:
    """The .ics file attached to an e-mail, parsed."""
    (attachment,) = [item for item in message.attachments if item.mimetype == "text/calendar"]
    assert attachment.filename == "invitation.ics"
    return Calendar.from_ical(attachment.content)


def calendar_content_types(message) -> list[str]:
    """The Content-Type headers of the text/calendar parts of the e-mail as sent."""
    return [part["Content-Type"] for part in message.message().walk() if part.get_content_type() == "text/calendar"]


# The invitation itself


def test_invitation_is_a_request_to_the_attendee_from_the_association(event, settings):
    settings.DEFAULT_FROM_EMAIL = "Cluster Numérique <evenements@cluster.ma>"
    registration = registration_for(event)

    calendar = Calendar.from_ical(registration_invitation(registration))
    vevent = calendar.events[0]

    assert calendar["METHOD"] == "REQUEST"
    assert vevent["UID"] == f"event-{event.pk}@testserver"
    assert vevent["SEQUENCE"] == 0
    assert vevent["STATUS"] == "CONFIRMED"
    assert str(vevent["ATTENDEE"]) == "mailto:salma@exemple.ma"
    assert vevent["ATTENDEE"].params["CN"] == "Salma Bennani"
    assert str(vevent["ORGANIZER"]) == "mailto:evenements@cluster.ma"
    assert vevent["ORGANIZER"].params["CN"] == "Cluster Numérique"
    assert vevent["DTSTART"].params["TZID"] == "Africa/Casablanca"
    assert vevent.decoded("DTSTART") == event.start


def test_invitation_alone_gives_the_attendee_the_online_link(event):
    vevent = Calendar.from_ical(registration_invitation(registration_for(event))).events[0]

    assert "https://meet.example.ma/forum-room" in vevent["LOCATION"]
    assert "https://meet.example.ma/forum-room" in vevent["DESCRIPTION"]


def test_cancellation_is_a_cancel_with_the_same_uid_and_status_cancelled(event):
    registration = registration_for(event, status=Registration.Status.CANCELLED)

    calendar = Calendar.from_ical(registration_invitation(registration, cancel=True))
    vevent = calendar.events[0]

    assert calendar["METHOD"] == "CANCEL"
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["UID"] == f"event-{event.pk}@testserver"
    assert b"forum-room" not in registration_invitation(registration, cancel=True)


def test_invitation_carries_the_current_sequence_after_a_change_of_time(event):
    registration = registration_for(event)
    publish(event)
    publish(event, start_time=dt.time(10, 0))

    vevent = Calendar.from_ical(registration_invitation(registration)).events[0]

    assert vevent["SEQUENCE"] == 1


def test_invitation_times_are_right_from_its_vtimezone_alone_during_ramadan(events_index):
    ramadan_event = EventPageFactory(
        parent=events_index, start_date=dt.date(2028, 2, 10), start_time=dt.time(15, 0), end_time=dt.time(17, 0)
    )
    ics = registration_invitation(registration_for(ramadan_event))

    zone = read_vtimezones(ics)["Africa/Casablanca"]
    _tzid, start, _tzid_end, end = event_times(ics)[f"event-{ramadan_event.pk}@testserver"]

    assert zone.to_utc(start) == ramadan_event.start == dt.datetime(2028, 2, 10, 15, 0, tzinfo=dt.UTC)
    assert zone.to_utc(end) == ramadan_event.end


# The e-mails


def test_confirmation_email_attaches_the_request_invitation(event):
    registration = registration_for(event)

    send_registration_confirmed.enqueue(registration.pk)

    (message,) = mail.outbox
    assert message.to == ["salma@exemple.ma"]
    calendar = attached_calendar(message)
    assert calendar["METHOD"] == "REQUEST"
    assert str(calendar.events[0]["ATTENDEE"]) == "mailto:salma@exemple.ma"


def test_confirmation_email_marks_its_calendar_parts_as_a_request(event):
    send_registration_confirmed.enqueue(registration_for(event).pk)

    content_types = calendar_content_types(mail.outbox[0])

    assert len(content_types) == 2  # the inline alternative and the attached file
    assert all('method="REQUEST"' in value or "method=REQUEST" in value for value in content_types)


def test_confirmation_email_gives_the_check_in_code_ticket_price_and_links(event):
    registration = registration_for(event, price=150_000)

    send_registration_confirmed.enqueue(registration.pk)

    (message,) = mail.outbox
    html = message.alternatives[0].content
    for body in (message.body, html):
        assert registration.code in body
        assert "Pass journée" in body
        assert "1\xa0500,00\xa0MAD" in body
        assert "http://testserver/my-space/registrations/" in body
        assert "http://testserver" + event.url in body
        assert "https://meet.example.ma/forum-room" in body
        assert "09:00" in body


def test_confirmation_email_is_written_in_the_attendees_language(event):
    registration = registration_for(event, language="en")

    send_registration_confirmed.enqueue(registration.pk)

    (message,) = mail.outbox
    assert "Day pass" in message.body
    assert "/en/my-space/registrations/" in message.body
    assert 'lang="en"' in message.alternatives[0].content


def test_confirmation_email_in_arabic_reads_right_to_left(event):
    send_registration_confirmed.enqueue(registration_for(event, language="ar").pk)

    assert 'dir="rtl"' in mail.outbox[0].alternatives[0].content


def test_confirmation_email_of_a_paris_event_also_gives_casablanca_time(events_index):
    paris = EventPageFactory(
        parent=events_index,
        time_zone="Europe/Paris",
        start_date=dt.date(2027, 7, 1),
        start_time=dt.time(14, 0),
        end_date=dt.date(2027, 7, 1),
        end_time=dt.time(16, 0),
    )

    send_registration_confirmed.enqueue(registration_for(paris).pk)

    body = mail.outbox[0].body
    assert "14:00" in body and "16:00" in body
    assert "12:00" in body  # Casablanca (UTC+0) is two hours behind Paris (UTC+2) in July
    assert "Europe/Paris" in body


def test_no_confirmation_email_for_a_registration_awaiting_payment(event):
    send_registration_confirmed.enqueue(registration_for(event, status=Registration.Status.RESERVED).pk)

    assert mail.outbox == []


def test_cancellation_email_attaches_a_cancel(event):
    registration = registration_for(event, status=Registration.Status.CANCELLED)

    send_registration_cancelled.enqueue(registration.pk)

    (message,) = mail.outbox
    calendar = attached_calendar(message)
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.events[0]["STATUS"] == "CANCELLED"
    assert all("CANCEL" in value for value in calendar_content_types(message))


def test_change_of_time_emails_an_update_to_every_confirmed_attendee(event, django_capture_on_commit_callbacks):
    publish(event)
    confirmed = [registration_for(event), RegistrationFactory(ticket_type=TicketTypeFactory(event=event))]
    registration_for(event, status=Registration.Status.CANCELLED, attendee_email="parti@exemple.ma")
    RegistrationFactory(ticket_type=TicketTypeFactory(event=event), status=Registration.Status.RESERVED)

    with django_capture_on_commit_callbacks(execute=True):
        publish(event, start_time=dt.time(10, 0), end_time=dt.time(14, 0))

    assert sorted(message.to[0] for message in mail.outbox) == sorted(r.attendee_email for r in confirmed)
    for message in mail.outbox:
        vevent = attached_calendar(message).events[0]
        assert attached_calendar(message)["METHOD"] == "REQUEST"
        assert vevent["UID"] == f"event-{event.pk}@testserver"
        assert vevent["SEQUENCE"] == 1
        assert vevent.decoded("DTSTART") == event.start
        assert "10:00" in message.body


def test_publishing_without_a_change_of_time_emails_nobody(event, django_capture_on_commit_callbacks):
    publish(event)
    registration_for(event)

    with django_capture_on_commit_callbacks(execute=True):
        publish(event, title="Forum inter-clusters 2027")

    assert mail.outbox == []


def test_update_task_counts_the_attendees_it_emails(event):
    registration_for(event)
    RegistrationFactory(ticket_type=TicketTypeFactory(event=event), status=Registration.Status.CANCELLED)

    result = send_event_updated.enqueue(event.pk)

    assert result.return_value == 1
    assert len(mail.outbox) == 1


def test_former_attendee_of_a_transferred_registration_gets_a_cancel_addressed_to_them(event):
    registration = registration_for(event, attendee_name="Karim Alaoui", attendee_email="karim@exemple.ma")

    send_registration_transferred.enqueue(
        registration.pk, former_email="salma@exemple.ma", former_name="Salma Bennani", language="en"
    )

    (message,) = mail.outbox
    assert message.to == ["salma@exemple.ma"]
    calendar = attached_calendar(message)
    assert calendar["METHOD"] == "CANCEL"
    assert str(calendar.events[0]["ATTENDEE"]) == "mailto:salma@exemple.ma"
    assert calendar.events[0]["UID"] == f"event-{event.pk}@testserver"
    assert registration.code not in message.body


def test_confirmation_email_carries_the_tickets_qr_code_and_badge_link(event):
    import io

    from PIL import Image

    registration = registration_for(event)

    send_registration_confirmed.enqueue(registration.pk)

    (message,) = mail.outbox
    images = [(name, content) for name, content, mimetype in message.attachments if mimetype == "image/png"]
    assert [name for name, _ in images] == [f"ticket-{registration.code}.png"]
    assert Image.open(io.BytesIO(images[0][1])).size[0] > 100
    assert f"http://testserver/registrations/{registration.code}/badge.pdf" in message.body
