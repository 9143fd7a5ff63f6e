"""E-mail preferences in My space, and the unsubscribe links every announcement carries."""

import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from members.communications.preferences import SALT, email_allowed, preferences_for, unsubscribe_token
from members.communications.services import announcement_send
from members.models import Delivery, EmailPreferences, Segment, SuppressedAddress, Topic
from tests.factories.accounts import StaffUserFactory
from tests.factories.communications import AnnouncementFactory, EmailPreferencesFactory, SuppressedAddressFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.members import OrganisationMemberFactory
from tests.factories.registrations import RegistrationFactory

pytestmark = pytest.mark.django_db

URL = "/my-space/email-preferences/"
ALL_ON = {"news_digest": "on", "event_announcements": "on", "board_matches": "on"}


@pytest.fixture
def member(db):
    return OrganisationMemberFactory().user


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    sender = StaffUserFactory(is_superuser=True)

    def send(**fields):
        announcement = AnnouncementFactory(**fields)
        with django_capture_on_commit_callbacks(execute=True):
            announcement_send(announcement=announcement, by=sender)
        return announcement

    return send


def link_in(message) -> str:
    """The unsubscribe link of an announcement e-mail, as a path the test client can open."""
    url = re.search(r"http://testserver(/\S*unsubscribe/\S+/)", message.body).group(1)
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{url}>"
    return url


def test_preferences_start_all_on_and_the_page_works_without_javascript(client, member):
    client.force_login(member)

    response = client.get(URL)

    assert response.status_code == 200
    form = response.context["form"]
    assert {name: form[name].value() for name in ALL_ON} == dict.fromkeys(ALL_ON, True)
    assert 'type="checkbox"' in response.content.decode() and "resume_all" not in form.fields


def test_a_member_turns_topics_off_and_finds_them_off(client, member):
    client.force_login(member)

    response = client.post(URL, {"event_announcements": "on"})

    assert response.status_code == 302 and response["Location"] == URL
    preferences = EmailPreferences.objects.get(user=member)
    assert (preferences.news_digest, preferences.event_announcements, preferences.board_matches) == (False, True, False)
    assert client.get(URL).context["form"]["news_digest"].value() is False


def test_the_page_asks_visitors_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_member_sees_and_changes_only_their_own_preferences(client, member):
    other = OrganisationMemberFactory().user
    EmailPreferencesFactory(user=other, news_digest=False)
    client.force_login(member)

    shown = client.get(URL).context["form"]["news_digest"].value()
    client.post(URL, {**ALL_ON, "user": other.pk, "email": other.email})

    assert shown is True
    assert EmailPreferences.objects.get(user=other).news_digest is False
    assert EmailPreferences.objects.get(user=member).news_digest is True


def test_the_dashboard_links_to_the_preferences(client, member):
    client.force_login(member)

    assert URL in client.get(reverse("members:dashboard")).content.decode()


# --- Unsubscribe links ---------------------------------------------------------------------------------------


def test_unsubscribe_link_round_trip_turns_the_topic_off_and_later_announcements_skip_them(client, member, send):
    send(topic=Topic.NEWS_DIGEST)
    url = link_in(mail.outbox[0])

    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert preferences_for(user=member).news_digest is True  # GET changes nothing

    done = client.post(url)

    assert done.status_code == 200
    assert preferences_for(user=member).news_digest is False
    later = send(topic=Topic.NEWS_DIGEST)
    assert later.deliveries.get().skip_reason == Delivery.SkipReason.OPTED_OUT
    assert send(topic=Topic.EVENTS).deliveries.get().status == Delivery.Status.SENT


def test_one_click_unsubscribe_works_without_a_csrf_token(member, send):
    send(topic=Topic.EVENTS)
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(
        link_in(mail.outbox[0]), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert preferences_for(user=member).event_announcements is False


def test_an_altered_link_is_refused_and_changes_nothing(client, member):
    token = unsubscribe_token(email=member.email, user_id=member.pk, topic=Topic.NEWS_DIGEST)
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")

    response = Client(enforce_csrf_checks=True).post(reverse("members:unsubscribe", args=[forged]))

    assert response.status_code == 404
    assert not EmailPreferences.objects.exists()


def test_the_link_of_one_member_cannot_unsubscribe_another(client, member):
    other = OrganisationMemberFactory().user
    mine = unsubscribe_token(email=member.email, user_id=member.pk, topic=Topic.BOARD_MATCHES)
    # The same payload naming the other member, without the secret key to sign it.
    signature = mine.rsplit(":", 1)[1]
    theirs = signing.dumps({"u": other.pk, "t": Topic.BOARD_MATCHES}, salt=SALT).rsplit(":", 1)[0]

    refused = client.post(reverse("members:unsubscribe", args=[f"{theirs}:{signature}"]))
    client.post(reverse("members:unsubscribe", args=[mine]))

    assert refused.status_code == 404
    assert preferences_for(user=other).board_matches is True
    assert preferences_for(user=member).board_matches is False


def test_a_link_for_general_announcements_stops_all_announcements_and_the_member_can_resume(client, member, send):
    send(topic=Topic.GENERAL)
    client.post(link_in(mail.outbox[0]))

    assert SuppressedAddress.objects.get(email=member.email).reason == SuppressedAddress.Reason.UNSUBSCRIBED
    assert send(topic=Topic.GENERAL).deliveries.get().skip_reason == Delivery.SkipReason.SUPPRESSED

    client.force_login(member)
    assert "resume_all" in client.get(URL).context["form"].fields
    client.post(URL, {**ALL_ON, "resume_all": "on"})

    assert not SuppressedAddress.objects.exists()
    assert send(topic=Topic.GENERAL).deliveries.get().status == Delivery.Status.SENT


def test_a_bounced_address_cannot_be_resumed_by_its_owner(client, member):
    SuppressedAddressFactory(email=member.email, reason=SuppressedAddress.Reason.BOUNCED)
    client.force_login(member)

    client.post(URL, {**ALL_ON, "resume_all": "on"})

    assert SuppressedAddress.objects.filter(email=member.email).exists()


def test_a_guest_attendee_without_an_account_can_unsubscribe_from_event_announcements(client, send):
    index = EventIndexPageFactory(parent=Site.objects.get(is_default_site=True).root_page)
    event = EventPageFactory(parent=index)
    RegistrationFactory(ticket_type__event=event, attendee_email="invite@exemple.ma", language="en")
    send(topic=Topic.EVENTS, segment=Segment.EVENT_ATTENDEES, event=event, subject_en="Programme", body_en="Hi")

    url = link_in(mail.outbox[0])
    assert url.startswith("/en/unsubscribe/")
    client.post(url)

    assert EmailPreferences.objects.get(user=None, email="invite@exemple.ma").event_announcements is False
    later = send(topic=Topic.EVENTS, segment=Segment.EVENT_ATTENDEES, event=event)
    assert later.deliveries.get().skip_reason == Delivery.SkipReason.OPTED_OUT


def test_other_apps_can_ask_whether_an_optional_email_may_go(member):
    EmailPreferencesFactory(user=member, board_matches=False)
    SuppressedAddressFactory(email="rebond@exemple.ma")

    assert email_allowed(email=member.email, user=member, topic=Topic.BOARD_MATCHES) is False
    assert email_allowed(email=member.email, user=member, topic=Topic.NEWS_DIGEST) is True
    assert email_allowed(email="REBOND@exemple.ma", topic=Topic.GENERAL) is False
