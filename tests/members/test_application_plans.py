"""Applying under a membership plan: approval opens the first period, paying it makes the company a member."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from members import services
from members.models import Membership, MembershipApplication, Organisation, Role
from payments.models import Order, PaymentMethod
from payments.services import order_cancel, order_mark_paid
from tests.factories.members import MemberUserFactory
from tests.factories.memberships import MembershipPlanFactory
from tests.members.conftest import in_members_group
from tests.members.test_applications import COMPANY

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(db):
    return MemberUserFactory(email="secretariat@association.ma", is_staff=True, is_superuser=True)


@pytest.fixture
def pme_plan():
    return MembershipPlanFactory(name="Adhésion PME", annual_fee=1_200_000, joining_fee=200_000, requires_approval=True)


def _apply(client, plan, **extra):
    applicant = MemberUserFactory(email="nadia@atlas.example.ma")
    client.force_login(applicant)
    response = client.post(reverse("members:apply"), {**COMPANY, "plan": plan.pk if plan else "", **extra})
    return applicant, response


def test_application_form_offers_the_active_plans_with_their_fees(client, pme_plan):
    MembershipPlanFactory(name="Ancienne formule", is_active=False)
    client.force_login(MemberUserFactory())

    page = client.get(reverse("members:apply")).content.decode()

    assert 'name="plan"' in page
    assert "Adhésion PME" in page
    assert "12\xa0000,00\xa0MAD" in page
    assert "Ancienne formule" not in page


def test_application_records_the_chosen_plan(client, secretary, pme_plan):
    applicant, response = _apply(client, pme_plan)

    assert response.url == reverse("members:apply_done")
    application = MembershipApplication.objects.get(applicant=applicant)
    assert application.plan == pme_plan
    assert application.status == MembershipApplication.Status.PENDING
    assert not Membership.objects.exists()


def test_application_without_a_plan_is_refused_when_plans_exist(client, pme_plan):
    _, response = _apply(client, None)

    assert response.status_code == 200
    assert response.context["form"].errors["plan"]
    assert response.context["form"]["legal_name"].value() == COMPANY["legal_name"]
    assert not MembershipApplication.objects.exists()


def test_approval_opens_the_first_period_awaiting_payment_with_the_joining_fee(client, secretary, pme_plan):
    applicant, _ = _apply(client, pme_plan)
    application = MembershipApplication.objects.get()
    mail.outbox.clear()

    services.application_approve(application=application, by=secretary, message="Bienvenue !")

    organisation = Organisation.objects.get(pk=application.organisation_id)
    assert organisation.status == Organisation.Status.APPROVED
    assert organisation.people.get(user=applicant).role == Role.ADMIN
    assert not in_members_group(applicant)
    membership = organisation.memberships.get()
    assert membership.status == Membership.Status.AWAITING_PAYMENT
    assert membership.plan == pme_plan
    order = membership.order
    assert order.buyer_user == applicant
    assert sorted(order.lines.values_list("kind", flat=True)) == ["dues", "joining_fee"]
    email = mail.outbox[-1]
    assert email.to == [applicant.email]
    link = re.search(r"https?://\S+/orders/\S+/", email.body).group(0)
    assert str(order.public_id) in link
    assert "Bienvenue !" in email.body


def test_paying_the_first_dues_makes_the_company_an_active_member(client, secretary, pme_plan):
    applicant, _ = _apply(client, pme_plan)
    application = MembershipApplication.objects.get()
    services.application_approve(application=application, by=secretary)
    order = Order.objects.get()

    order_mark_paid(order=order, amount=order.total, method=PaymentMethod.BANK_TRANSFER, provider="bank_transfer")

    organisation = Organisation.objects.get(pk=application.organisation_id)
    assert organisation.status == Organisation.Status.ACTIVE
    assert organisation.memberships.get().status == Membership.Status.ACTIVE
    assert in_members_group(applicant)


def test_plan_without_approval_lets_the_applicant_pay_at_once(client, secretary):
    startup = MembershipPlanFactory(name="Startup", requires_approval=False, annual_fee=300_000, joining_fee=0)

    applicant, response = _apply(client, startup)

    assert response.url == reverse("members:dashboard")
    application = MembershipApplication.objects.get()
    assert application.status == MembershipApplication.Status.APPROVED
    membership = Membership.objects.get()
    assert membership.status == Membership.Status.AWAITING_PAYMENT
    page = client.get(reverse("members:dashboard")).content.decode()
    assert reverse("payments:order_detail", args=[membership.order.public_id]) in page


def test_cancelling_the_unpaid_first_order_cancels_the_period_and_lets_the_company_ask_again(
    client, secretary, pme_plan
):
    applicant, _ = _apply(client, pme_plan)
    services.application_approve(application=MembershipApplication.objects.get(), by=secretary)
    membership = Membership.objects.get()

    order_cancel(order=membership.order, by=applicant)

    membership.refresh_from_db()
    assert membership.status == Membership.Status.CANCELLED
    page = client.get(reverse("members:dashboard")).content.decode()
    assert reverse("members:membership_join", args=[membership.organisation.slug]) in page


def test_without_any_plan_approval_still_makes_the_company_a_member_at_once(client, secretary):
    applicant = MemberUserFactory()
    client.force_login(applicant)
    assert 'name="plan"' not in client.get(reverse("members:apply")).content.decode()
    client.post(reverse("members:apply"), COMPANY)

    services.application_approve(application=MembershipApplication.objects.get(), by=secretary)

    assert Organisation.objects.get().status == Organisation.Status.ACTIVE
    assert not Membership.objects.exists()
