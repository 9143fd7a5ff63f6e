"""A worker stopped while sending an announcement: its rows are taken back and the announcement always ends."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from members.communications import services as communications
from members.communications.services import MAX_ATTEMPTS, announcement_send
from members.models import Announcement, Delivery, Membership, Organisation
from tests.factories.accounts import StaffUserFactory
from tests.factories.communications import AnnouncementFactory
from tests.factories.members import OrganisationFactory, OrganisationMemberFactory
from tests.factories.memberships import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def announcement(django_capture_on_commit_callbacks):
    """An announcement to three people whose batch task never ran: the worker stopped before or during it."""
    organisation = OrganisationFactory(status=Organisation.Status.ACTIVE)
    MembershipFactory(organisation=organisation, status=Membership.Status.ACTIVE)
    for _ in range(3):
        OrganisationMemberFactory(organisation=organisation)
    with django_capture_on_commit_callbacks(execute=False):
        announcement = announcement_send(announcement=AnnouncementFactory(), by=StaffUserFactory(is_superuser=True))
    return announcement


def minutes_ago(minutes):
    return timezone.now() - timedelta(minutes=minutes)


def resume() -> str:
    out = StringIO()
    call_command("resume_announcements", stdout=out)
    return out.getvalue()


def test_rows_left_being_sent_by_a_stopped_worker_are_sent_and_the_announcement_ends_sent(announcement):
    ids = list(announcement.deliveries.order_by("pk").values_list("pk", flat=True))
    assert communications._claim(ids[:2]) == ids[:2]  # a worker took two rows, then was killed
    announcement.deliveries.update(created_at=minutes_ago(20))
    announcement.deliveries.filter(pk__in=ids[:2]).update(claimed_at=minutes_ago(20))

    output = resume()

    assert "queued again: 3" in output and "announcements closed: 1" in output
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        announcement.deliveries.values_list("email", flat=True)
    )
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    assert (announcement.sent_count, announcement.failed_count) == (3, 0)


def test_a_row_being_sent_within_its_lease_is_left_to_its_worker(announcement):
    ids = list(announcement.deliveries.order_by("pk").values_list("pk", flat=True))
    communications._claim(ids)

    resume()

    assert mail.outbox == []
    assert set(announcement.deliveries.values_list("status", flat=True)) == {Delivery.Status.SENDING}
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.QUEUED


def test_a_row_interrupted_too_often_fails_and_the_announcement_still_ends_with_its_counts(announcement):
    first, *others = announcement.deliveries.order_by("pk")
    communications._claim([first.pk])
    Delivery.objects.filter(pk=first.pk).update(attempts=MAX_ATTEMPTS, claimed_at=minutes_ago(20))
    announcement.deliveries.update(created_at=minutes_ago(20))

    resume()

    first.refresh_from_db()
    assert first.status == Delivery.Status.FAILED and "interrupted" in first.error
    assert len(mail.outbox) == len(others) == 2
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    assert (announcement.sent_count, announcement.failed_count) == (2, 1)


def test_an_announcement_nobody_received_ends_not_delivered(announcement, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingBackend"
    for number, delivery in enumerate(announcement.deliveries.all()):
        Delivery.objects.filter(pk=delivery.pk).update(email=f"refus{number}@exemple.ma", created_at=minutes_ago(20))

    resume()

    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.FAILED
    assert (announcement.sent_count, announcement.failed_count) == (0, 3)
