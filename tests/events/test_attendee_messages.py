"""The secretariat writes to the people of an event: the audiences it chooses (confirmed, awaiting payment,
waitlist), once per address, in the language it writes in, and nobody who left the audience before sending."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.translation import gettext, ngettext, override
from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile

from core.mail import default_sender
from events.attendee_messages import NoAudience, event_message_attendees
from events.models import Registration, WaitlistEntry
from events.services import NotPermitted, registration_cancel, waitlist_leave
from tests.events.i18n import fr, fr_html
from tests.events.staff import log_in, staff_user
from tests.factories.events import EventPageFactory
from tests.factories.registrations import (
    RegistrationFactory,
    RegistrationSettingsFactory,
    TicketTypeFactory,
    WaitlistEntryFactory,
)

pytestmark = pytest.mark.django_db

Status = Registration.Status
Waiting = WaitlistEntry.Status


@pytest.fixture
def event(events_index):
    event = EventPageFactory(parent=events_index, title="Forum inter-clusters")
    RegistrationSettingsFactory(event=event, capacity=10)
    return event


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, member_price=0, non_member_price=0)


@pytest.fixture
def people(event, ticket):
    """Two confirmed, one awaiting payment, two on the waitlist (one holding an offer), and people who are no
    longer in any audience: a cancelled and an expired registration, someone who left the waitlist."""
    return {
        "confirmed": [
            RegistrationFactory(ticket_type=ticket, attendee_email="salma@atlas.ma", language="fr"),
            RegistrationFactory(ticket_type=ticket, attendee_email="karim@sahara.ma", language="ar"),
        ],
        "reserved": [RegistrationFactory(ticket_type=ticket, attendee_email="nadia@rif.ma", status=Status.RESERVED)],
        "waitlist": [
            WaitlistEntryFactory(event=event, email="omar@souss.ma"),
            WaitlistEntryFactory(event=event, email="hind@draa.ma", status=Waiting.OFFERED),
        ],
        "gone": [
            RegistrationFactory(ticket_type=ticket, attendee_email="annule@x.ma", status=Status.CANCELLED),
            RegistrationFactory(ticket_type=ticket, attendee_email="expire@x.ma", status=Status.EXPIRED),
            WaitlistEntryFactory(event=event, email="parti@x.ma", status=Waiting.LEFT),
        ],
    }


def message_url(event):
    return reverse("events_registrations:message", args=[event.pk])


def post(admin, event, **fields):
    data = {"subject": "Plan d'accès", "body": "Rendez-vous porte B.\nParking gratuit.", "language": "fr"}
    data.update(fields)
    return admin.post(message_url(event), data)


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def emails(rows):
    return sorted(getattr(row, "attendee_email", None) or row.email for row in rows)


def html_of(message):
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    return html


# --- Audiences --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", ["confirmed", "reserved", "waitlist"])
def test_each_audience_reaches_exactly_its_people(admin, event, people, audience, django_capture_on_commit_callbacks):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = post(admin, event, audiences=[audience])

    assert response.status_code == 302
    assert recipients() == emails(people[audience])


def test_the_confirmed_attendees_are_chosen_when_the_page_opens(admin, event, people):
    html = admin.get(message_url(event)).text

    assert re.search(r'<input[^>]*value="confirmed"[^>]*checked', html)
    assert not re.search(r'<input[^>]*value="reserved"[^>]*checked', html)
    # Each audience says how many people it holds now.
    assert f"{fr_html('Confirmed attendees')} (2)" in html
    assert f"{fr_html('People on the waitlist')} (2)" in html


def test_every_audience_together_writes_once_to_each_address(
    admin, event, ticket, people, secretariat, django_capture_on_commit_callbacks
):
    # Salma, confirmed, also waits for another ticket: she gets the message once.
    WaitlistEntryFactory(event=event, email="salma@atlas.ma")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = post(admin, event, audiences=["confirmed", "reserved", "waitlist"])

    expected = emails(people["confirmed"] + people["reserved"] + people["waitlist"])
    assert recipients() == expected
    assert all(message.subject == "Plan d'accès" for message in mail.outbox)
    assert all(message.from_email == default_sender() for message in mail.outbox)
    message = ngettext(
        "Your message is on its way to %(count)d person.", "Your message is on its way to %(count)d people.", 5
    )
    assert fr(message, count=5) in admin.get(response["Location"]).text
    entry = PageLogEntry.objects.get(action="events.message_attendees")
    assert (entry.page_id, entry.user, entry.data["recipients"]) == (event.pk, secretariat, 5)
    assert entry.data["audiences"] == ["confirmed", "reserved", "waitlist"]
    assert entry.data["language"] == "fr"
    with override("en"):
        assert entry.message == (
            "Message to 5 addresses (confirmed attendees, reservations awaiting payment, people on the "
            "waitlist), written in French"
        )


def test_the_success_message_counts_one_person_in_the_singular(
    admin, event, ticket, django_capture_on_commit_callbacks
):
    RegistrationFactory(ticket_type=ticket)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(admin, event, audiences=["confirmed"])

    singular = ngettext(
        "Your message is on its way to %(count)d person.", "Your message is on its way to %(count)d people.", 1
    )
    assert fr(singular, count=1) in admin.get(response["Location"]).text


def test_without_an_audience_the_form_says_so_and_nothing_is_sent(admin, event, people):
    mail.outbox.clear()

    response = post(admin, event)

    assert response.status_code == 400
    assert fr_html("Choose who receives the message.") in response.text
    assert 'value="Plan d&#x27;accès"' in response.text
    assert mail.outbox == []
    assert not PageLogEntry.objects.filter(action="events.message_attendees").exists()


def test_the_service_refuses_an_empty_audience(event, people, secretariat):
    with pytest.raises(NoAudience):
        event_message_attendees(event=event, subject="Objet", body="Texte", by=secretariat, audiences=[])


def test_an_audience_with_nobody_in_it_is_refused(admin, event, ticket):
    RegistrationFactory(ticket_type=ticket)
    mail.outbox.clear()

    response = post(admin, event, audiences=["waitlist"])

    assert response.status_code == 409
    assert fr_html("Nobody in the chosen audience to write to.") in response.text
    assert mail.outbox == []


def test_a_subject_and_a_text_are_needed(admin, event, people):
    mail.outbox.clear()

    response = post(admin, event, audiences=["confirmed"], subject="")

    assert response.status_code == 400
    assert mail.outbox == []


# --- Checked again when sending -----------------------------------------------------------------------------


def test_someone_who_leaves_the_audience_before_the_sending_gets_nothing(
    event, people, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as sending:
        event_message_attendees(
            event=event,
            subject="Plan d'accès",
            body="Porte B.",
            by=secretariat,
            audiences=["confirmed", "reserved", "waitlist"],
        )
    cancelled, still_there = people["confirmed"]
    registration_cancel(registration=cancelled, by=secretariat)
    waitlist_leave(entry=people["waitlist"][0])
    Registration.objects.filter(pk=people["reserved"][0].pk).update(status=Status.EXPIRED)
    mail.outbox.clear()

    for callback in sending:
        callback()

    assert recipients() == sorted([still_there.attendee_email, people["waitlist"][1].email])


def test_a_reservation_paid_meanwhile_is_no_longer_in_the_awaiting_payment_audience(
    event, people, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as sending:
        event_message_attendees(
            event=event, subject="Payez", body="Avant vendredi.", by=secretariat, audiences=["reserved"]
        )
    Registration.objects.filter(pk=people["reserved"][0].pk).update(status=Status.CONFIRMED)
    mail.outbox.clear()

    for callback in sending:
        callback()

    assert mail.outbox == []


# --- The language the message is written in --------------------------------------------------------------------


def test_an_arabic_message_comes_in_an_arabic_e_mail_whatever_the_attendee_s_language(
    admin, event, ticket, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(ticket_type=ticket, attendee_name="Salma Bennani", language="fr")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        post(admin, event, audiences=["confirmed"], language="ar", subject="خطة الوصول", body="الموعد عند الباب B.")

    (message,) = mail.outbox
    html = html_of(message)
    with override("ar"):
        greeting = gettext("Hello %(name)s,") % {"name": "Salma Bennani"}
        footer = gettext("You receive this message because you are registered for %(title)s.") % {"title": event.title}
    assert footer.startswith("تتلقى هذه الرسالة")
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    # The Latin name is isolated in the Arabic sentence of the HTML part.
    assert greeting.replace("Salma Bennani", "<bdi>Salma Bennani</bdi>") in html and footer in html
    assert "الموعد عند الباب B." in html
    assert message.body.startswith(greeting)
    assert footer in message.body
    assert message.subject == "خطة الوصول"
    assert message.to == [registration.attendee_email]


def test_a_french_message_to_an_arabic_speaker_stays_french_and_left_to_right(
    admin, event, ticket, django_capture_on_commit_callbacks
):
    RegistrationFactory(ticket_type=ticket, attendee_name="Karim Tazi", language="ar")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        post(admin, event, audiences=["confirmed"], language="fr")

    html = html_of(mail.outbox[0])
    assert 'dir="ltr"' in html and 'lang="fr"' in html
    assert fr("Hello %(name)s,", name="<bdi>Karim Tazi</bdi>") in html
    assert fr("You receive this message because you are registered for %(title)s.", title=event.title) in html
    assert "Rendez-vous porte B.<br>Parking gratuit." in html
    assert "مرحب" not in html


def test_the_e_mail_has_its_html_alternative_and_the_text_as_typed(
    admin, event, ticket, django_capture_on_commit_callbacks
):
    RegistrationFactory(ticket_type=ticket)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        post(admin, event, audiences=["confirmed"], language="en", body="See https://astec.ma/plan <b>now</b>")

    (message,) = mail.outbox
    html = html_of(message)
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert '<a href="https://astec.ma/plan"' in html
    assert "&lt;b&gt;now&lt;/b&gt;" in html
    assert "See https://astec.ma/plan <b>now</b>" in message.body
    assert "You receive this message because you are registered for" in message.body


def test_the_language_offered_first_is_the_admin_s_own(admin, event, people, secretariat):
    UserProfile.get_for_user(secretariat)
    UserProfile.objects.filter(user=secretariat).update(preferred_language="en")

    html = admin.get(message_url(event)).text

    assert '<option value="en" selected>' in html


# --- Who may write --------------------------------------------------------------------------------------------


def test_someone_who_may_only_read_registrations_cannot_write_to_attendees(client, event, people):
    """The Wagtail admin answers a refused permission by sending back to its home page with a message."""
    log_in(client, staff_user("view_registration"))
    mail.outbox.clear()

    opened = client.get(message_url(event))
    posted = client.post(
        message_url(event), {"audiences": ["confirmed"], "subject": "x", "body": "y", "language": "fr"}
    )

    assert (opened.status_code, opened["Location"]) == (302, reverse("wagtailadmin_home"))
    assert (posted.status_code, posted["Location"]) == (302, reverse("wagtailadmin_home"))
    assert mail.outbox == []
    assert not PageLogEntry.objects.filter(action="events.message_attendees").exists()


def test_the_service_refuses_someone_who_does_not_manage_registrations(event, people, member_user):
    with pytest.raises(NotPermitted):
        event_message_attendees(event=event, subject="x", body="y", by=member_user, audiences=["confirmed"])
