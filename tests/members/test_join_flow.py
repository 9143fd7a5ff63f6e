"""A visitor without an account applies to join: sign-up, e-mailed code, application, approval."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from members import services
from members.models import MembershipApplication, Organisation, Role, User
from tests.factories.accounts import PrivacyNoticeFactory
from tests.factories.members import PASSWORD as MEMBER_PASSWORD
from tests.factories.members import MemberUserFactory
from tests.members.conftest import in_members_group

pytestmark = pytest.mark.django_db

PASSWORD = "Technopark-Casa-2026"
CODE = re.compile(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", re.MULTILINE)
COMPANY = {
    "legal_name": "Atlas Logiciels SARL",
    "trade_name": "Atlas",
    "legal_form": "SARL",
    "ice": "001234567000062",
    "city": "Fès",
    "region": "fes-meknes",
    "country": "MA",
    "size_band": "small",
    "description": "Éditeur de logiciels de gestion.",
    "motivation": "Rejoindre l'écosystème.",
}


def _link(page: str, path: str) -> str:
    """The page's link to `path` that carries a ?next= (the site header also links to the log-in page)."""
    match = re.search(r'href="(' + re.escape(path) + r'\?[^"]*next=[^"]*)"', page)
    assert match, f"no link to {path} with a next parameter"
    return match.group(1).replace("&amp;", "&")


def test_visitor_signs_up_verifies_the_code_applies_and_becomes_administrator(client):
    PrivacyNoticeFactory()
    secretary = MemberUserFactory(email="secretariat@association.ma", is_staff=True, is_superuser=True)

    signup_url = _link(client.get(reverse("members:apply")).content.decode(), reverse("account_signup"))
    signup_page = client.get(signup_url)
    assert 'name="next" value="/join/"' in signup_page.content.decode()
    response = client.post(
        signup_url,
        {
            "first_name": "Nadia",
            "last_name": "El Idrissi",
            "email": "nadia@atlas.example.ma",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "preferred_language": "fr",
            "privacy_consent": "on",
            "next": "/join/",
        },
    )
    assert response.status_code == 302
    code = CODE.search(mail.outbox[-1].body).group(1)
    response = client.post(response.url, {"code": code})

    assert response.status_code == 302
    assert response.url == reverse("members:apply")
    nadia = User.objects.get(email="nadia@atlas.example.ma")
    assert int(client.session["_auth_user_id"]) == nadia.pk
    assert 'name="legal_name"' in client.get(response.url).content.decode()

    response = client.post(reverse("members:apply"), COMPANY)
    assert response.url == reverse("members:apply_done")
    application = MembershipApplication.objects.get(applicant=nadia)

    services.application_approve(application=application, by=secretary, message="Bienvenue !")

    assert application.organisation.people.get(user=nadia).role == Role.ADMIN
    assert Organisation.objects.get(pk=application.organisation.pk).status == Organisation.Status.ACTIVE
    assert in_members_group(nadia)


def test_sign_up_page_reached_from_join_links_to_log_in_back_to_join(client):
    page = client.get(reverse("account_signup") + "?next=/join/").content.decode()

    assert _link(page, reverse("account_login")) == reverse("account_login") + "?next=%2Fjoin%2F"


def test_visitor_with_an_account_logs_in_from_join_and_lands_on_the_application_form(client):
    MemberUserFactory(email="karim@cluster.example.ma")
    login_url = _link(client.get(reverse("members:apply")).content.decode(), reverse("account_login"))

    response = client.post(login_url, {"login": "karim@cluster.example.ma", "password": MEMBER_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("members:apply")
