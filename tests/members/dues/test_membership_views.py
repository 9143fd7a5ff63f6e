"""My space: the membership panel, "Pay my dues" and "Renew"; the secretariat's admin listings."""

import time
from datetime import date, timedelta

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone

from members.models import Membership, MembershipPlan
from payments.models import Order
from tests.factories.members import AdminFactory, MemberUserFactory, OrganisationMemberFactory
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory
from tests.factories.payments import make_order
from tests.i18n import fr, fr_html
from tests.spreadsheets import csv_dicts

pytestmark = pytest.mark.django_db

Status = Membership.Status


@pytest.fixture
def ending_soon(company):
    """The company's membership ends in twenty days: renewal is open."""
    today = timezone.localdate()
    return MembershipFactory(
        organisation=company,
        plan__name="Adhésion PME",
        period_start=today - timedelta(days=300),
        period_end=today + timedelta(days=20),
    )


def renew_url(organisation):
    return reverse("members:membership_renew", args=[organisation.slug])


def test_administrator_sees_the_plan_period_and_status(admin_client, ending_soon):
    page = admin_client.get(reverse("members:dashboard")).content.decode()

    assert "Adhésion PME" in page
    assert "badge--success" in page
    assert renew_url(ending_soon.organisation) in page


def test_renewing_leads_to_the_order_page(admin_client, company, ending_soon):
    response = admin_client.post(renew_url(company))

    renewal = company.memberships.get(status=Status.AWAITING_PAYMENT)
    assert response.status_code == 302
    assert response.url == reverse("payments:order_detail", kwargs={"public_id": renewal.order.public_id})


def test_a_pending_renewal_shows_pay_my_dues(admin_client, company, ending_soon):
    admin_client.post(renew_url(company))

    page = admin_client.get(reverse("members:dashboard")).content.decode()

    order = company.memberships.get(status=Status.AWAITING_PAYMENT).order
    assert reverse("payments:order_detail", kwargs={"public_id": order.public_id}) in page


def test_a_colleague_sees_the_membership_without_the_renew_button(client, company, ending_soon):
    colleague = OrganisationMemberFactory(organisation=company).user
    client.force_login(colleague)

    page = client.get(reverse("members:dashboard")).content.decode()

    assert "Adhésion PME" in page
    assert renew_url(company) not in page


def test_a_colleague_cannot_renew(client, company, ending_soon):
    client.force_login(OrganisationMemberFactory(organisation=company).user)

    response = client.post(renew_url(company))

    assert response.status_code == 404
    assert not Order.objects.exists()


def test_company_a_cannot_renew_company_b(client, company, ending_soon):
    client.force_login(AdminFactory().user)

    response = client.post(renew_url(company))

    assert response.status_code == 404
    assert not Order.objects.exists()


def test_renewing_before_the_window_says_so(admin_client, company):
    MembershipFactory(
        organisation=company, period_start=date(2026, 1, 1), period_end=timezone.localdate() + timedelta(days=200)
    )

    response = admin_client.post(renew_url(company), follow=True)

    assert fr_html("Renewal is not open for this membership.") in response.content.decode()
    assert not Order.objects.exists()


def test_administrator_without_membership_chooses_a_plan_and_goes_to_pay(admin_client, company):
    plan = MembershipPlanFactory(name="Startup")

    page = admin_client.get(reverse("members:dashboard")).content.decode()
    response = admin_client.post(reverse("members:membership_join", args=[company.slug]), {"plan": plan.pk})

    assert "Startup" in page
    order = company.memberships.get().order
    assert response.url == reverse("payments:order_detail", kwargs={"public_id": order.public_id})


def test_joining_without_a_plan_asks_for_one(admin_client, company):
    response = admin_client.post(reverse("members:membership_join", args=[company.slug]), {"plan": "x"}, follow=True)

    assert fr_html("Choose a membership plan.") in response.content.decode()
    assert not Membership.objects.exists()


@pytest.fixture
def secretariat_client(client):
    """A staff member whose session passed two-factor authentication, as the admin requires."""
    user = MemberUserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return client


def test_secretariat_filters_memberships_by_status(secretariat_client):
    MembershipFactory(organisation__legal_name="Atlas Cloud SARL", status=Status.GRACE)
    MembershipFactory(organisation__legal_name="Rif Data SA", status=Status.ACTIVE)

    page = secretariat_client.get(reverse("members_memberships:index"), {"status": "grace"}).content.decode()

    assert "Atlas Cloud SARL" in page
    assert "Rif Data SA" not in page


def test_secretariat_exports_memberships(secretariat_client):
    MembershipFactory(organisation__legal_name="Atlas Cloud SARL")

    response = secretariat_client.get(reverse("members_memberships:index"), {"export": "csv"})

    assert "Atlas Cloud SARL" in b"".join(response.streaming_content).decode()


def test_the_memberships_export_gives_the_order_total_in_mad(secretariat_client):
    membership = MembershipFactory(organisation__legal_name="Atlas Cloud SARL")
    membership.order = make_order(organisation=membership.organisation)
    membership.save(update_fields=["order"])

    [row] = csv_dicts(secretariat_client.get(reverse("members_memberships:index"), {"export": "csv"}))

    assert row[fr("Total (MAD)")] == "5000,00"


def test_plan_fees_are_typed_and_shown_in_mad(secretariat_client):
    response = secretariat_client.post(
        reverse("members_plans:add"),
        {"name": "PME", "audience": "pme", "annual_fee": "12 500,50", "joining_fee": "1.000", "sort_order": "0"},
    )
    assert response.status_code == 302
    plan = MembershipPlan.objects.get()
    assert (plan.annual_fee, plan.joining_fee) == (1_250_050, 100_000)

    form = secretariat_client.get(reverse("members_plans:edit", args=[plan.pk])).content.decode()
    listing = secretariat_client.get(reverse("members_plans:index")).content.decode()
    [row] = csv_dicts(secretariat_client.get(reverse("members_plans:index"), {"export": "csv"}))

    assert fr_html("Annual dues (MAD)") in form and 'value="12\u00a0500,50"' in form
    assert "12\u00a0500,50\xa0MAD" in listing and "1\u00a0000,00\xa0MAD" in listing
    assert (row[fr("Annual dues (MAD)")], row[fr("Joining fee (MAD)")]) == ("12500,50", "1000,00")


def test_a_negative_fee_is_refused_and_nothing_saved(secretariat_client):
    response = secretariat_client.post(
        reverse("members_plans:add"),
        {"name": "PME", "audience": "pme", "annual_fee": "-100", "joining_fee": "0", "sort_order": "0"},
    )

    assert response.status_code == 200
    assert fr_html("The amount cannot be negative.") in response.content.decode()
    assert not MembershipPlan.objects.exists()


def test_secretariat_adds_a_membership_plan(secretariat_client):
    response = secretariat_client.post(
        reverse("members_plans:add"),
        {"name": "Cluster", "audience": "cluster", "annual_fee": "30 000", "joining_fee": "0", "sort_order": "0"},
    )

    assert response.status_code == 302
    plan = MembershipPlan.objects.get()
    assert (plan.name, plan.annual_fee) == ("Cluster", 3_000_000)
