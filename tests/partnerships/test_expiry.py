"""Posts leave the board at their end date; authors are reminded a few days before, once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from partnerships import services
from partnerships.models import Post
from partnerships.tasks import run_board_daily
from tests.factories.partnerships import PostFactory

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + dt.timedelta(days=n)


def test_daily_command_expires_posts_past_their_date_and_logs_it(company_a, alice):
    past = PostFactory(organisation=company_a, author=alice, expires_on=days(-1))
    today = PostFactory(organisation=company_a, author=alice, expires_on=days(0))

    call_command("board_daily", verbosity=0)

    past.refresh_from_db()
    today.refresh_from_db()
    assert past.status == Post.Status.EXPIRED and today.status == Post.Status.PUBLISHED
    assert ModelLogEntry.objects.for_instance(past).filter(action="partnerships.post_expire").exists()


def test_author_is_reminded_once_before_expiry(settings, company_a, alice):
    settings.PARTNERSHIPS_EXPIRY_REMINDER_DAYS = 7
    soon = PostFactory(organisation=company_a, author=alice, expires_on=days(5))
    PostFactory(organisation=company_a, author=alice, expires_on=days(30))

    first = services.posts_send_expiry_reminders()
    second = services.posts_send_expiry_reminders()

    assert (first, second) == (1, 0)
    assert [message.to for message in mail.outbox] == [[alice.email]]
    soon.refresh_from_db()
    assert soon.expiry_reminder_sent_at is not None


def test_a_renewed_post_gets_a_reminder_again_before_its_new_end(settings, company_a, alice):
    settings.PARTNERSHIPS_EXPIRY_REMINDER_DAYS = 7
    post = PostFactory(organisation=company_a, author=alice, expires_on=days(3))
    services.posts_send_expiry_reminders()
    services.post_renew(post=post, by=alice)

    later = timezone.localdate() + dt.timedelta(days=88)
    assert services.posts_send_expiry_reminders(today=later) == 1
    assert len(mail.outbox) == 2


def test_reminder_goes_to_the_company_administrators_once_the_author_has_left(company_a, alice, amine):
    post = PostFactory(organisation=company_a, author=amine, expires_on=days(2))
    amine.organisation_memberships.all().delete()

    services.posts_send_expiry_reminders()

    assert [message.to for message in mail.outbox] == [[alice.email]]
    assert post.title in mail.outbox[0].subject


def test_the_daily_task_expires_and_reminds(company_a, alice):
    PostFactory(organisation=company_a, author=alice, expires_on=days(-3))
    PostFactory(organisation=company_a, author=alice, expires_on=days(1))

    result = run_board_daily.enqueue()

    assert result.return_value == {"expired": 1, "reminded": 1}


def test_an_expired_post_can_be_renewed_by_its_author(company_a, alice):
    post = PostFactory(organisation=company_a, author=alice, expires_on=days(-3))
    services.posts_expire()

    services.post_renew(post=post, by=alice)

    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post in Post.objects.on_board()
