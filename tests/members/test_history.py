"""The admin history of companies and applications says who was invited, added, removed, and what changed."""

import time

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from members import services
from members.models import Role
from tests.factories.members import MembershipApplicationFactory, MemberUserFactory, OrganisationMemberFactory
from tests.i18n import fr, fr_html

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def secretary(client):
    """A staff member whose session passed two-factor authentication, as the admin requires."""
    user = MemberUserFactory(is_staff=True, is_superuser=True)
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return user


def last_message(instance) -> str:
    return str(ModelLogEntry.objects.for_instance(instance).first().message)


def test_history_page_shows_whose_role_changed_from_what_to_what(client, secretary, company, colleague_membership):
    colleague_membership.user.email = "karim@atlas.example.ma"
    colleague_membership.user.save()
    services.member_change_role(membership=colleague_membership, role=Role.ADMIN, by=secretary)

    page = client.get(reverse("members_organisations:history", args=[company.pk]), HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200
    expected = fr_html(
        "Role of %(person)s changed from %(from)s to %(to)s",
        person="karim@atlas.example.ma",
        **{"from": fr("Member").lower(), "to": fr("Company administrator").lower()},
    )
    assert expected in page.content.decode()


def test_history_names_the_person_invited_and_the_role(company, company_admin):
    services.invitation_create(organisation=company, email="nadia@atlas.example.ma", role=Role.ADMIN, by=company_admin)

    assert last_message(company) == "Invited nadia@atlas.example.ma as company administrator"


def test_history_names_the_person_added(company, company_admin):
    person = MemberUserFactory(email="omar@atlas.example.ma")

    services.member_add(organisation=company, user=person, by=company_admin)

    assert last_message(company) == "Added omar@atlas.example.ma as member"


def test_history_names_the_person_removed(company, company_admin):
    membership = OrganisationMemberFactory(organisation=company, user__email="leila@atlas.example.ma")

    services.member_remove(membership=membership, by=company_admin)

    assert last_message(company) == "Removed leila@atlas.example.ma from the company"


def test_history_of_a_resent_and_revoked_invitation_names_the_address(company, company_admin):
    invitation = services.invitation_create(organisation=company, email="sara@atlas.example.ma", by=company_admin)

    services.invitation_resend(invitation=invitation, by=company_admin)
    assert last_message(company) == "Invitation to sara@atlas.example.ma sent again"
    services.invitation_revoke(invitation=invitation, by=company_admin)
    assert last_message(company) == "Invitation to sara@atlas.example.ma revoked"


def test_history_of_a_decision_quotes_the_message_to_the_applicant():
    secretary = MemberUserFactory(is_staff=True, is_superuser=True)
    application = MembershipApplicationFactory()

    services.application_reject(application=application, by=secretary, message="Siège hors de la région.")

    assert last_message(application) == "Application rejected. Message to the applicant: “Siège hors de la région.”"
    status_change = "Membership status changed from application pending to application rejected"
    assert last_message(application.organisation) == status_change


def test_history_of_an_approval_without_message_says_approved():
    secretary = MemberUserFactory(is_staff=True, is_superuser=True)
    application = MembershipApplicationFactory()

    services.application_approve(application=application, by=secretary)

    assert last_message(application) == "Application approved"
