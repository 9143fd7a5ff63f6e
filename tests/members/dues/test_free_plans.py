"""A free plan (no dues, no joining fee) has nothing to pay: its period is active at once, with no order of 0 MAD
waiting for a payment that never comes."""

from datetime import date

import pytest
from django.core import mail

from members.dues import services as memberships
from members.dues.services import membership_send_renewal_reminders
from members.models import Membership, Organisation
from members.services.applications import application_approve
from payments.models import Order
from tests.factories.accounts import StaffUserFactory
from tests.factories.members import AdminFactory, MembershipApplicationFactory
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory

pytestmark = pytest.mark.django_db

Status = Membership.Status


@pytest.fixture
def free_plan():
    return MembershipPlanFactory(name="Membre d'honneur", annual_fee=0, joining_fee=0, requires_approval=False)


def test_asking_to_join_under_a_free_plan_makes_the_company_an_active_member_at_once(free_plan):
    admin = AdminFactory(organisation__status=Organisation.Status.APPROVED)

    membership = memberships.membership_request(
        organisation=admin.organisation, plan=free_plan, by=admin.user, today=date(2026, 4, 15)
    )

    assert membership.status == Status.ACTIVE and membership.order is None
    assert Organisation.objects.get(pk=admin.organisation.pk).status == Organisation.Status.ACTIVE
    assert not Order.objects.exists()


def test_approving_an_application_under_a_free_plan_makes_an_active_member_and_says_so(free_plan):
    application = MembershipApplicationFactory(plan=free_plan)

    application_approve(application=application, by=StaffUserFactory())

    organisation = Organisation.objects.get(pk=application.organisation.pk)
    assert organisation.status == Organisation.Status.ACTIVE
    assert organisation.memberships.get().status == Status.ACTIVE
    assert not Order.objects.exists()
    (approval,) = [email for email in mail.outbox if application.applicant.email in email.to]
    assert "0,00" not in approval.body


def test_a_free_plan_renews_itself_without_a_reminder(free_plan):
    admin = AdminFactory()
    MembershipFactory(
        organisation=admin.organisation, plan=free_plan, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31)
    )

    run = membership_send_renewal_reminders(today=date(2026, 12, 1))

    assert run.sent == 0 and run.unreachable == () and mail.outbox == []
    renewal = admin.organisation.memberships.get(period_start=date(2027, 1, 1))
    assert renewal.status == Status.ACTIVE and renewal.order is None
    assert membership_send_renewal_reminders(today=date(2026, 12, 20)).sent == 0
