"""Renewal reminders: on the right days, once only, none after payment, each with a link to pay."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from members.dues import periods
from members.dues.services import membership_send_renewal_reminders
from members.models import Membership, MembershipReminder
from payments.models import Order, PaymentMethod
from payments.services import order_mark_paid
from tests.factories.members import AdminFactory, OrganisationMemberFactory
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory

pytestmark = pytest.mark.django_db

END = date(2026, 12, 31)
RULES = periods.PeriodRules(renewal_window_days=60, grace_days=30, reminder_days=(30, 7, 0, -15))


@pytest.mark.parametrize(
    ("today", "sent", "expected"),
    [
        (END - timedelta(days=31), set(), None),  # too early
        (END - timedelta(days=30), set(), 30),
        (END - timedelta(days=20), {30}, None),  # already sent
        (END - timedelta(days=7), {30}, 7),
        (END - timedelta(days=5), set(), 7),  # the job missed day 30 and day 7: one reminder, the latest
        (END, {30, 7}, 0),
        (END + timedelta(days=15), {30, 7, 0}, -15),
        (END + timedelta(days=20), {30, 7, 0, -15}, None),
        (END + timedelta(days=31), set(), None),  # lapsed: no more reminders
    ],
)
def test_reminder_due_is_the_latest_whose_day_has_come(today, sent, expected):
    assert periods.reminder_due(today, END, RULES, already_sent=sent) == expected


def test_reminder_days_outside_the_renewal_window_are_never_due_and_the_check_says_so(settings):
    from members.dues.services import check_period_settings

    rules = periods.PeriodRules(renewal_window_days=60, grace_days=10, reminder_days=(90, 7, -15))
    assert periods.reminder_due(END - timedelta(days=80), END, rules, already_sent=set()) is None
    assert periods.reminder_due(END + timedelta(days=5), END, rules, already_sent={7}) is None

    settings.MEMBERSHIP_REMINDER_DAYS = [90, 7]
    assert [warning.id for warning in check_period_settings()] == ["members.W001"]


@pytest.fixture
def membership():
    admin = AdminFactory(user__email="admin@atlas.example.ma", user__preferred_language="fr")
    plan = MembershipPlanFactory(name="Adhésion PME", annual_fee=1_200_000)
    return MembershipFactory(organisation=admin.organisation, plan=plan, period_start=date(2026, 1, 1), period_end=END)


def test_thirty_days_before_the_end_the_administrators_get_a_link_to_pay_the_renewal(membership):
    colleague = OrganisationMemberFactory(organisation=membership.organisation)

    run = membership_send_renewal_reminders(today=date(2026, 12, 1))

    assert run.sent == 1
    assert [email.to for email in mail.outbox] == [["admin@atlas.example.ma"]]
    assert colleague.user.email not in mail.outbox[0].to
    renewal = Membership.objects.get(status=Membership.Status.AWAITING_PAYMENT)
    assert (renewal.period_start, renewal.period_end) == (date(2027, 1, 1), date(2027, 12, 31))
    assert renewal.order.total == 1_200_000
    body = mail.outbox[0].body
    assert re.search(rf"https?://\S+/payments/orders/{renewal.order.public_id}/", body)
    assert "31 décembre 2026" in body
    assert "12\xa0000,00\xa0MAD" in body


def test_each_reminder_goes_out_once_even_when_the_job_runs_twice(membership):
    membership_send_renewal_reminders(today=date(2026, 12, 1))
    membership_send_renewal_reminders(today=date(2026, 12, 1))
    membership_send_renewal_reminders(today=date(2026, 12, 2))

    assert len(mail.outbox) == 1
    assert MembershipReminder.objects.get().days_before_end == 30
    assert Order.objects.count() == 1


def test_later_reminders_reuse_the_same_renewal_order(membership):
    for day in (date(2026, 12, 1), date(2026, 12, 24), END):
        membership_send_renewal_reminders(today=day)

    assert len(mail.outbox) == 3
    assert sorted(MembershipReminder.objects.values_list("days_before_end", flat=True)) == [0, 7, 30]
    assert Order.objects.count() == 1


def test_grace_reminder_says_when_the_membership_will_lapse(membership):
    membership.status = Membership.Status.GRACE
    membership.save()

    membership_send_renewal_reminders(today=date(2027, 1, 15))

    email = mail.outbox[-1]
    assert "30 janvier 2027" in email.body
    assert MembershipReminder.objects.get().days_before_end == -15


def test_no_reminder_once_the_renewal_is_paid(membership):
    membership_send_renewal_reminders(today=date(2026, 12, 1))
    order = Order.objects.get()
    order_mark_paid(order=order, amount=order.total, method=PaymentMethod.CARD, provider="manual")
    mail.outbox.clear()

    run = membership_send_renewal_reminders(today=date(2026, 12, 24))

    assert run.sent == 0
    assert mail.outbox == []


def test_reminder_is_written_in_the_administrators_language(membership):
    admin = membership.organisation.people.get()
    admin.user.preferred_language = "en"
    admin.user.save()

    membership_send_renewal_reminders(today=date(2026, 12, 1))

    assert "Dec. 31, 2026" in mail.outbox[0].body
    assert "renew" in mail.outbox[0].subject.lower()


def test_command_sends_todays_reminders(membership, settings):
    settings.MEMBERSHIP_REMINDER_DAYS = [400, 0]
    settings.MEMBERSHIP_RENEWAL_WINDOW_DAYS = 400
    out = StringIO()

    call_command("send_membership_reminders", stdout=out)

    assert "1" in out.getvalue()
    assert len(mail.outbox) == 1
