"""The treasurer's dues panel on the Wagtail dashboard, and the figures behind it."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from members.dues.selectors import dues_summary, renewals_due
from members.models import Membership
from payments.models import Order, PaymentMethod
from payments.services import order_choose_method, order_mark_paid
from tests.factories.memberships import MembershipFactory
from tests.members.test_admin import secretary  # noqa: F401

pytestmark = pytest.mark.django_db

CASABLANCA = ZoneInfo("Africa/Casablanca")


def _dues_order(membership, *, paid_on: date | None = None):
    from members.dues.services import create_order

    order = create_order(membership=membership, dues=1_000_000, joining_fee=0, by=None)
    if paid_on:
        order_mark_paid(order=order, amount=order.total, method=PaymentMethod.CHEQUE, provider="manual")
        Order.objects.filter(pk=order.pk).update(
            paid_at=datetime.combine(paid_on, datetime.min.time(), tzinfo=CASABLANCA) + timedelta(hours=10)
        )
    return order


def test_summary_adds_up_dues_collected_this_year_and_last_and_what_is_owed():
    _dues_order(MembershipFactory(status=Membership.Status.AWAITING_PAYMENT), paid_on=date(2026, 3, 1))
    _dues_order(MembershipFactory(status=Membership.Status.AWAITING_PAYMENT), paid_on=date(2025, 2, 1))
    _dues_order(MembershipFactory(status=Membership.Status.AWAITING_PAYMENT), paid_on=date(2025, 12, 1))
    owed = _dues_order(MembershipFactory(status=Membership.Status.AWAITING_PAYMENT))
    order_choose_method(order=owed, method=PaymentMethod.BANK_TRANSFER)

    summary = dues_summary(today=date(2026, 11, 23))

    assert summary.collected == 1_000_000
    assert summary.collected_last_year == 2_000_000
    assert summary.collected_last_year_to_date == 1_000_000
    assert (summary.outstanding, summary.outstanding_orders, summary.transfers_waiting) == (1_000_000, 1, 1)


def test_renewals_due_are_current_memberships_ending_soon_and_not_yet_renewed():
    ending = MembershipFactory(period_end=date(2026, 12, 10))
    MembershipFactory(period_end=date(2027, 6, 30))  # not soon
    renewed = MembershipFactory(period_end=date(2026, 12, 15))
    MembershipFactory(organisation=renewed.organisation, period_start=date(2026, 12, 16), period_end=date(2027, 12, 15))

    assert list(renewals_due(within_days=30, today=date(2026, 11, 23))) == [ending]


def test_the_treasurer_sees_the_dues_panel_with_links_to_the_lists(client, secretary):  # noqa: F811
    MembershipFactory(period_end=timezone.localdate() + timedelta(days=10))

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="dues-panel-title"' in page
    assert reverse("members_memberships:index") + "?renewal_due=true" in page
    listing = client.get(reverse("members_memberships:index"), {"renewal_due": "true"})
    assert len(listing.context["object_list"]) == 1


def test_the_dues_panel_costs_the_same_whatever_the_number_of_members(client, secretary, django_assert_max_num_queries):  # noqa: F811
    for _ in range(15):
        _dues_order(MembershipFactory(status=Membership.Status.AWAITING_PAYMENT), paid_on=date(2026, 3, 1))

    with django_assert_max_num_queries(8):
        dues_summary()


def test_members_over_time_counts_companies_with_a_paid_period_on_each_month_end():
    from members.dues.selectors import members_over_time

    MembershipFactory(period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))
    MembershipFactory(period_start=date(2026, 9, 15), period_end=date(2027, 9, 14))
    MembershipFactory(status=Membership.Status.LAPSED, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31))

    bars = members_over_time(months=12, today=date(2026, 11, 23))

    assert [bar.label for bar in bars][:2] == ["12/25", "01/26"]
    assert [bar.value for bar in bars] == [0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2]
    assert bars[-1].height == 100 and bars[1].height == 50


def test_dues_by_month_adds_up_the_paid_dues_of_each_month():
    from members.dues.selectors import dues_by_month

    _dues_order(MembershipFactory(status=Membership.Status.AWAITING_PAYMENT), paid_on=date(2026, 3, 1))
    _dues_order(MembershipFactory(status=Membership.Status.AWAITING_PAYMENT), paid_on=date(2026, 3, 20))
    _dues_order(MembershipFactory(status=Membership.Status.AWAITING_PAYMENT), paid_on=date(2025, 3, 1))

    bars = dues_by_month(year=2026)

    assert [bar.value for bar in bars] == [0, 0, 20_000, 0, 0, 0, 0, 0, 0, 0, 0, 0]


def test_the_secretariat_sees_members_by_status_and_the_charts(client, secretary):  # noqa: F811
    from tests.factories.members import MembershipApplicationFactory

    MembershipApplicationFactory()
    MembershipFactory(period_end=timezone.localdate() + timedelta(days=100))

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="members-panel-title"' in page
    assert reverse("members_applications:index") in page
    assert page.count('class="majlis-chart"') == 2


def test_the_members_panel_costs_the_same_whatever_the_number_of_members(django_assert_max_num_queries):
    from members.dues.selectors import members_over_time
    from members.selectors import members_by_status

    for _ in range(20):
        MembershipFactory()

    with django_assert_max_num_queries(2):
        members_by_status()
        members_over_time()
