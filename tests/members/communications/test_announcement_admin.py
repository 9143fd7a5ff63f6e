"""The Communication menu of the Wagtail admin: preview and send, who may do it, deliveries, suppression list."""

import time

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from members.models import Announcement, Segment, SuppressedAddress, Topic
from tests.factories.accounts import StaffUserFactory, add_totp
from tests.factories.communications import AnnouncementFactory, SuppressedAddressFactory
from tests.factories.members import MemberUserFactory
from tests.members.communications.test_announcements import company, person, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def sender(db):
    return StaffUserFactory(is_superuser=True)


@pytest.fixture
def send_now(sender, django_capture_on_commit_callbacks):
    return lambda announcement: send(announcement, sender, django_capture_on_commit_callbacks)


def admin_login(client, user):
    """Log a staff member in with a session that passed the second factor, as the admin requires."""
    add_totp(user)
    client.force_login(user)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


def log_in(client, user):
    return admin_login(client, user) if user.is_staff else client.force_login(user)


def staff(*codenames):
    user = StaffUserFactory(is_superuser=False)
    permissions = Permission.objects.filter(
        content_type__app_label__in=["members", "wagtailadmin"], codename__in=["access_admin", *codenames]
    )
    user.user_permissions.add(*permissions)
    return user


def test_admin_preview_shows_how_many_will_receive_it_and_a_sample(client, sender):
    organisation = company()
    first, second = person(organisation), person(organisation)
    SuppressedAddressFactory(email=person(organisation))
    announcement = AnnouncementFactory()

    response = admin_login(client, sender).get(reverse("members_announcements:send", args=[announcement.pk]))

    assert response.status_code == 200
    preview = response.context["preview"]
    assert (preview.total, preview.to_send, preview.suppressed) == (3, 2, 1)
    assert 'data-preview-count="2"' in response.content.decode()
    assert first in response.content.decode() and second in response.content.decode()


def test_admin_writes_then_sends_an_announcement(client, sender, django_capture_on_commit_callbacks):
    reader = person(company())
    admin_login(client, sender)

    response = client.post(
        reverse("members_announcements:add"),
        {"topic": Topic.GENERAL, "segment": Segment.ACTIVE_MEMBERS, "subject": "Vœux", "body": "Bonne année."},
    )
    announcement = Announcement.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "members_announcements:send", args=[announcement.pk]
    )
    assert announcement.created_by == sender
    assert ModelLogEntry.objects.filter(action="members.announcement_create", user=sender).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members_announcements:send", args=[announcement.pk]), {"expected": 1})

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[reader]]
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT


def test_admin_does_not_send_when_the_segment_changed_since_the_preview(client, sender):
    person(company())
    announcement = AnnouncementFactory()

    response = admin_login(client, sender).post(
        reverse("members_announcements:send", args=[announcement.pk]), {"expected": 7}
    )

    assert response.status_code == 409
    assert not announcement.deliveries.exists() and mail.outbox == []


@pytest.mark.parametrize("who", ["member", "staff_without_permission", "staff_who_may_only_write"])
def test_only_staff_allowed_to_send_can_send(client, who, django_capture_on_commit_callbacks):
    person(company())
    announcement = AnnouncementFactory()
    user = {
        "member": lambda: MemberUserFactory(),
        "staff_without_permission": lambda: staff(),
        "staff_who_may_only_write": lambda: staff("add_announcement", "change_announcement", "view_announcement"),
    }[who]()
    log_in(client, user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members_announcements:send", args=[announcement.pk]), {"expected": 1})

    assert response.status_code in (302, 403)
    assert response.get("Location") != reverse("members_announcements:send", args=[announcement.pk])
    assert not announcement.deliveries.exists() and mail.outbox == []


@pytest.mark.parametrize("who", ["member", "staff_without_permission"])
def test_only_staff_allowed_to_write_can_create_an_announcement(client, who):
    user = MemberUserFactory() if who == "member" else staff()
    log_in(client, user)

    response = client.post(
        reverse("members_announcements:add"),
        {"topic": Topic.GENERAL, "segment": Segment.ACTIVE_MEMBERS, "subject": "Spam", "body": "Spam"},
    )

    assert response.status_code == 302 and not Announcement.objects.exists()


def test_a_sender_with_the_permission_can_send(client, django_capture_on_commit_callbacks):
    person(company())
    announcement = AnnouncementFactory()
    admin_login(client, staff("view_announcement", "send_announcement"))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members_announcements:send", args=[announcement.pk]), {"expected": 1})

    assert len(mail.outbox) == 1


def test_a_sent_announcement_can_no_longer_be_edited(client, sender, send_now):
    person(company())
    announcement = send_now(AnnouncementFactory(subject="Avant"))
    admin_login(client, sender)

    response = client.post(
        reverse("members_announcements:edit", args=[announcement.pk]),
        {"topic": Topic.GENERAL, "segment": Segment.ACTIVE_MEMBERS, "subject": "Après", "body": "x"},
    )

    assert response.status_code == 302
    announcement.refresh_from_db()
    assert announcement.subject == "Avant"
    report = client.get(reverse("members_announcements:send", args=[announcement.pk]))
    assert 'data-report="sent">1<' in report.content.decode()


def test_the_secretariat_pastes_bounced_addresses_into_the_suppression_list(client, sender):
    SuppressedAddressFactory(email="deja@exemple.ma")
    admin_login(client, sender)

    response = client.post(
        reverse("members_suppression:bulk"),
        {
            "addresses": "Nadia <NADIA@atlas.ma>, deja@exemple.ma\nkarim@souss.ma; pas-une-adresse@",
            "reason": SuppressedAddress.Reason.BOUNCED,
            "note": "Rapport du fournisseur",
        },
    )

    assert response.status_code == 302
    listed = dict(SuppressedAddress.objects.values_list("email", "created_by"))
    assert listed == {"deja@exemple.ma": None, "nadia@atlas.ma": sender.pk, "karim@souss.ma": sender.pk}


def test_the_deliveries_listing_shows_who_got_what(client, sender, send_now):
    reader = person(company())
    announcement = send_now(AnnouncementFactory())

    response = admin_login(client, sender).get(reverse("members_deliveries:index"), {"announcement": announcement.pk})

    assert response.status_code == 200
    assert [delivery.email for delivery in response.context["object_list"]] == [reader]


def test_the_communication_pages_open_for_the_secretariat(client, sender, send_now):
    person(company())
    sent = send_now(AnnouncementFactory(subject="Déjà partie", subject_ar="إعلان", body_ar="نص"))
    admin_login(client, sender)

    pages = [
        reverse("members_announcements:index"),
        reverse("members_announcements:add"),
        reverse("members_announcements:copy", args=[sent.pk]),
        reverse("members_deliveries:index"),
        reverse("members_suppression:index"),
        reverse("members_suppression:bulk"),
    ]

    assert [client.get(page).status_code for page in pages] == [200] * len(pages)
    assert reverse("members_suppression:bulk") in client.get(reverse("members_suppression:index")).content.decode()
    copy = client.get(reverse("members_announcements:copy", args=[sent.pk]))
    assert copy.context["form"]["subject_ar"].value() == "إعلان"


def test_a_copy_of_a_sent_announcement_is_a_new_draft(client, sender, send_now):
    person(company())
    sent = send_now(AnnouncementFactory(subject="Première"))
    admin_login(client, sender)

    client.post(
        reverse("members_announcements:add"),
        {"topic": sent.topic, "segment": sent.segment, "subject": "Relance", "body": sent.body},
    )

    copy = Announcement.objects.get(subject="Relance")
    assert copy.is_draft and copy.recipients_count == 0 and not copy.deliveries.exists()
    assert Announcement.objects.get(pk=sent.pk).status == Announcement.Status.SENT
