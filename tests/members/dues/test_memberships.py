"""Membership periods: asking to join, paying the dues, renewing, grace and lapse."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from members.dues import services as memberships
from members.models import Membership, MembershipPlan, Organisation
from members.selectors import directory_organisations
from payments.models import Order, PaymentMethod
from payments.services import order_mark_paid, order_refund
from tests.factories.members import AdminFactory, MemberUserFactory, OrganisationMemberFactory
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory
from tests.members.conftest import in_members_group

pytestmark = pytest.mark.django_db

Status = Membership.Status
APRIL_15 = date(2026, 4, 15)


@pytest.fixture
def plan():
    return MembershipPlanFactory(annual_fee=1_200_000, joining_fee=200_000)


@pytest.fixture
def newcomer():
    """Karim administers a company the secretariat accepted, which has not paid anything yet."""
    return AdminFactory(organisation__status=Organisation.Status.APPLICANT, user__first_name="Karim")


@pytest.fixture
def superuser():
    return MemberUserFactory(is_staff=True, is_superuser=True)


def pay(order):
    order_mark_paid(order=order, provider="manual", method=PaymentMethod.BANK_TRANSFER, amount=order.total)


def statuses(organisation):
    return list(organisation.memberships.order_by("period_start").values_list("status", flat=True))


def test_first_request_orders_prorata_dues_and_the_joining_fee(newcomer, plan):
    membership = memberships.membership_request(
        organisation=newcomer.organisation, plan=plan, by=newcomer.user, today=APRIL_15
    )

    assert membership.status == Status.AWAITING_PAYMENT
    assert (membership.period_start, membership.period_end) == (APRIL_15, date(2026, 12, 31))
    lines = list(membership.order.lines.values_list("kind", "unit_amount"))
    assert lines == [("dues", 900_000), ("joining_fee", 200_000)]
    assert membership.order.total == 1_100_000


def test_asking_twice_does_not_make_a_second_order(newcomer, plan):
    first = memberships.membership_request(organisation=newcomer.organisation, plan=plan, by=newcomer.user)
    again = memberships.membership_request(organisation=newcomer.organisation, plan=plan, by=newcomer.user)

    assert again.pk == first.pk
    assert Order.objects.count() == 1


def test_a_company_that_was_a_member_pays_no_joining_fee_again(company, company_admin, plan):
    MembershipFactory(
        organisation=company,
        plan=plan,
        status=Status.LAPSED,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
    )

    membership = memberships.membership_request(organisation=company, plan=plan, by=company_admin, today=APRIL_15)

    assert list(membership.order.lines.values_list("kind", flat=True)) == ["dues"]


def test_an_applicant_on_a_plan_needing_approval_waits_for_the_secretariat(newcomer):
    plan = MembershipPlanFactory(requires_approval=True)

    membership = memberships.membership_request(organisation=newcomer.organisation, plan=plan, by=newcomer.user)

    assert membership.status == Status.PENDING_APPLICATION
    assert membership.order is None


def test_approval_creates_the_dues_order(newcomer, superuser):
    plan = MembershipPlanFactory(requires_approval=True)
    membership = memberships.membership_request(organisation=newcomer.organisation, plan=plan, by=newcomer.user)

    memberships.membership_approve(membership=membership, by=superuser, today=APRIL_15)

    membership.refresh_from_db()
    assert membership.status == Status.AWAITING_PAYMENT
    assert membership.order.total == 900_000 + 200_000


def test_a_plan_no_longer_offered_cannot_be_chosen(newcomer):
    plan = MembershipPlanFactory(is_active=False)

    with pytest.raises(memberships.PlanUnavailable):
        memberships.membership_request(organisation=newcomer.organisation, plan=plan, by=newcomer.user)


def test_a_colleague_who_is_not_administrator_cannot_ask_for_a_membership(newcomer, plan):
    colleague = OrganisationMemberFactory(organisation=newcomer.organisation)

    with pytest.raises(memberships.NotAdministrator):
        memberships.membership_request(organisation=newcomer.organisation, plan=plan, by=colleague.user)


def test_paying_the_dues_activates_the_membership_and_the_company(newcomer, plan):
    membership = memberships.membership_request(organisation=newcomer.organisation, plan=plan, by=newcomer.user)

    pay(membership.order)

    membership.refresh_from_db()
    newcomer.organisation.refresh_from_db()
    assert membership.status == Status.ACTIVE
    assert newcomer.organisation.status == Organisation.Status.ACTIVE


def test_paying_the_dues_puts_the_company_people_in_the_members_group(newcomer, plan):
    colleague = OrganisationMemberFactory(organisation=newcomer.organisation)
    assert not in_members_group(colleague.user)
    membership = memberships.membership_request(organisation=newcomer.organisation, plan=plan, by=newcomer.user)

    pay(membership.order)

    assert in_members_group(colleague.user)
    assert in_members_group(newcomer.user)


def test_refunding_the_dues_cancels_the_membership_and_the_company_lapses(newcomer, plan):
    membership = memberships.membership_request(organisation=newcomer.organisation, plan=plan, by=newcomer.user)
    pay(membership.order)

    order_refund(order=membership.order, amount=membership.order.total)

    membership.refresh_from_db()
    newcomer.organisation.refresh_from_db()
    assert membership.status == Status.CANCELLED
    assert newcomer.organisation.status == Organisation.Status.LAPSED
    assert not in_members_group(newcomer.user)


def test_the_status_change_is_logged_with_its_reason(newcomer, plan):
    membership = memberships.membership_request(organisation=newcomer.organisation, plan=plan, by=newcomer.user)

    pay(membership.order)

    entry = ModelLogEntry.objects.for_instance(membership).get(action="members.membership_status")
    assert entry.data == {
        "from": "awaiting_payment",
        "to": "active",
        "reason": f"dues paid (order {membership.order.reference})",
    }
    assert entry.user_id == newcomer.user.pk


# --- Renewal -------------------------------------------------------------------------------------------------


def test_renewal_is_closed_until_sixty_days_before_the_end(company, company_admin):
    MembershipFactory(organisation=company)

    with pytest.raises(memberships.RenewalClosed):
        memberships.membership_renew(organisation=company, by=company_admin, today=date(2026, 10, 31))


def test_renewal_in_the_window_orders_the_next_year_at_the_full_fee(company, company_admin, plan):
    MembershipFactory(organisation=company, plan=plan)

    renewal = memberships.membership_renew(organisation=company, by=company_admin, today=date(2026, 11, 15))

    assert (renewal.period_start, renewal.period_end) == (date(2027, 1, 1), date(2027, 12, 31))
    assert list(renewal.order.lines.values_list("kind", "unit_amount")) == [("dues", 1_200_000)]


def test_renewal_is_possible_during_grace(company, company_admin):
    MembershipFactory(organisation=company, status=Status.GRACE)

    renewal = memberships.membership_renew(organisation=company, by=company_admin, today=date(2027, 1, 20))

    assert renewal.status == Status.AWAITING_PAYMENT


def test_paying_a_renewal_during_grace_ends_the_previous_period(company, company_admin):
    previous = MembershipFactory(organisation=company, status=Status.GRACE)
    renewal = memberships.membership_renew(organisation=company, by=company_admin, today=date(2027, 1, 20))

    pay(renewal.order)

    assert statuses(company) == [Status.ENDED, Status.ACTIVE]
    previous.refresh_from_db()
    assert previous.status == Status.ENDED


def test_a_colleague_who_is_not_administrator_cannot_renew(company, colleague_membership):
    MembershipFactory(organisation=company)

    with pytest.raises(memberships.NotAdministrator):
        memberships.membership_renew(organisation=company, by=colleague_membership.user, today=date(2026, 12, 1))
    assert not Order.objects.exists()


def test_the_administrator_of_another_company_cannot_renew(company):
    MembershipFactory(organisation=company)
    other_admin = AdminFactory().user

    with pytest.raises(memberships.NotAdministrator):
        memberships.membership_renew(organisation=company, by=other_admin, today=date(2026, 12, 1))


# --- The daily job -------------------------------------------------------------------------------------------


def test_a_finished_period_goes_into_grace_and_the_company_stays_a_member(company, company_admin):
    MembershipFactory(organisation=company)

    memberships.membership_update_statuses(today=date(2027, 1, 1))

    company.refresh_from_db()
    assert statuses(company) == [Status.GRACE]
    assert company.status == Organisation.Status.ACTIVE
    assert in_members_group(company_admin)


def test_an_unpaid_period_lapses_after_the_grace_days(company):
    MembershipFactory(organisation=company, status=Status.GRACE)

    memberships.membership_update_statuses(today=date(2027, 1, 30))
    assert statuses(company) == [Status.GRACE]
    memberships.membership_update_statuses(today=date(2027, 1, 31))
    assert statuses(company) == [Status.LAPSED]


def test_grace_days_come_from_the_settings(settings, company):
    settings.MEMBERSHIP_GRACE_DAYS = 10
    MembershipFactory(organisation=company, status=Status.GRACE)

    memberships.membership_update_statuses(today=date(2027, 1, 11))

    assert statuses(company) == [Status.LAPSED]


def test_a_lapsed_company_leaves_the_members_group_and_the_directory(company, company_admin, colleague_membership):
    MembershipFactory(organisation=company, status=Status.GRACE)
    assert company in directory_organisations()

    memberships.membership_update_statuses(today=date(2027, 3, 1))

    company.refresh_from_db()
    assert company.status == Organisation.Status.LAPSED
    assert not in_members_group(company_admin)
    assert not in_members_group(colleague_membership.user)
    assert company not in directory_organisations()


def test_a_renewed_period_simply_ends(company, company_admin):
    MembershipFactory(organisation=company)
    renewal = memberships.membership_renew(organisation=company, by=company_admin, today=date(2026, 12, 1))
    pay(renewal.order)

    memberships.membership_update_statuses(today=date(2027, 1, 1))

    company.refresh_from_db()
    assert statuses(company) == [Status.ENDED, Status.ACTIVE]
    assert company.status == Organisation.Status.ACTIVE


def test_the_lapse_is_logged_with_its_reason(company):
    membership = MembershipFactory(organisation=company, status=Status.GRACE)

    memberships.membership_update_statuses(today=date(2027, 3, 1))

    entry = ModelLogEntry.objects.for_instance(membership).get(action="members.membership_status")
    assert entry.data["to"] == Status.LAPSED
    assert "unpaid" in entry.data["reason"]


def test_the_command_reports_what_it_moved(company):
    MembershipFactory(organisation=company, period_start=date(2020, 1, 1), period_end=date(2020, 12, 31))
    out = StringIO()
    call_command("update_memberships", stdout=out)

    assert "1 lapsed" in out.getvalue()
    assert statuses(company) == [Status.LAPSED]


def test_plans_are_listed_in_their_order():
    MembershipPlanFactory(name="Grande entreprise", sort_order=2)
    MembershipPlanFactory(name="Startup", sort_order=1)

    assert list(MembershipPlan.objects.active().values_list("name", flat=True)) == ["Startup", "Grande entreprise"]


def test_a_mistyped_period_setting_is_reported_by_the_system_check(settings):
    settings.MEMBERSHIP_PERIOD = "monthly"

    (error,) = memberships.check_period_settings()

    assert "MEMBERSHIP_PERIOD" in error.msg
