"""Member e-mails open the site in the language they are written in, whoever sent them from a page in another
language; an invitation written in Arabic makes an Arabic account."""

import re
from datetime import date

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from members import services
from members.dues.services import membership_send_renewal_reminders
from members.models import Invitation, MembershipApplication, User
from tests.factories.members import PASSWORD, AdminFactory, MemberUserFactory, OrganisationFactory
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory

pytestmark = pytest.mark.django_db


def links(message) -> list[str]:
    return re.findall(r"http://testserver\S+", message.body)


def site_links(message) -> list[str]:
    """The links to the site's pages, the footer's home page aside."""
    return [link for link in links(message) if link not in ("http://testserver/", "http://testserver/ar/")]


def test_an_invitation_written_in_arabic_from_a_french_page_is_accepted_in_arabic(admin_client, company):
    admin_client.post(
        reverse("members:people", args=[company.slug]),
        {"invite-email": "amina@example.ma", "invite-role": "member", "invite-language": "ar"},
    )

    message = mail.outbox[-1]
    [link] = [link for link in links(message) if "/invitations/" in link]
    assert link.startswith("http://testserver/ar/")
    client = Client()  # the invited person, not logged in
    page = client.get(link.removeprefix("http://testserver"))
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl"' in page.content.decode()

    response = client.post(
        link.removeprefix("http://testserver"),
        {
            "first_name": "Amina",
            "last_name": "Alaoui",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_privacy": "on",
        },
    )

    amina = User.objects.get(email="amina@example.ma")
    assert amina.preferred_language == "ar"
    assert response.status_code == 302 and response.url.startswith("/ar/")
    assert Invitation.objects.get(email="amina@example.ma").accepted_by == amina


def test_an_invitation_accepted_after_switching_the_page_to_english_makes_an_english_account(client, company):
    invitation = services.invitation_create(
        organisation=company, email="amina@example.ma", language="ar", by=company.people.get().user
    )
    [link] = [link for link in links(mail.outbox[-1]) if "/invitations/" in link]
    english = link.replace("http://testserver/ar/", "/en/")

    client.post(
        english,
        {
            "first_name": "Amina",
            "last_name": "Alaoui",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "accept_privacy": "on",
        },
    )

    invitation.refresh_from_db()
    assert invitation.accepted_by.preferred_language == "en"


def test_an_invitation_to_someone_with_an_account_links_to_their_own_language(company):
    MemberUserFactory(email="omar@example.ma", preferred_language="en")

    with translation.override("fr"):
        services.invitation_create(
            organisation=company, email="omar@example.ma", language="ar", by=company.people.get().user
        )

    found = site_links(mail.outbox[-1])
    assert found and all(link.startswith("http://testserver/en/") for link in found)


def test_the_acceptance_of_an_application_links_to_the_applicants_language_whatever_the_secretariat_reads():
    secretary = MemberUserFactory(is_staff=True, is_superuser=True, preferred_language="fr")
    applicant = MemberUserFactory(email="nadia@atlas.example.ma", preferred_language="ar")
    plan = MembershipPlanFactory(name="Adhésion PME", annual_fee=1_200_000, requires_approval=True)
    application = MembershipApplication.objects.create(
        organisation=OrganisationFactory(status="applicant"), applicant=applicant, plan=plan
    )
    mail.outbox.clear()

    with translation.override("fr"):  # the secretariat's admin page
        services.application_approve(application=application, by=secretary)

    [message] = [message for message in mail.outbox if message.to == [applicant.email]]
    assert site_links(message) and all(link.startswith("http://testserver/ar/") for link in site_links(message))
    assert 'lang="ar" dir="rtl"' in message.alternatives[0][0]


def test_a_renewal_reminder_links_to_the_administrators_language():
    admin = AdminFactory(user__email="admin@atlas.example.ma", user__preferred_language="ar")
    plan = MembershipPlanFactory(name="Adhésion PME", annual_fee=1_200_000)
    MembershipFactory(
        organisation=admin.organisation, plan=plan, period_start=date(2026, 1, 1), period_end=date(2026, 12, 31)
    )

    with translation.override("fr"):  # the daily job runs in the site's default language
        membership_send_renewal_reminders(today=date(2026, 12, 1))

    [message] = mail.outbox
    [link] = [link for link in site_links(message) if "/payments/orders/" in link]
    assert link.startswith("http://testserver/ar/payments/orders/")


@pytest.mark.parametrize(("stripe_key", "promised"), [("", False), ("sk_test_configured", True)])
def test_the_application_form_promises_card_payment_only_when_it_is_on(client, settings, stripe_key, promised):
    settings.STRIPE_SECRET_KEY = stripe_key
    MembershipPlanFactory(name="Adhésion PME", annual_fee=1_200_000)
    client.force_login(MemberUserFactory())

    page = client.get("/en" + reverse("members:apply")).content.decode()

    assert "you will receive a link to pay by" in page
    assert ("by card or bank transfer" in page) is promised
