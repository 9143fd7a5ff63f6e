import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.accounts import PASSWORD, AccountUserFactory

pytestmark = pytest.mark.django_db


def test_member_logs_in_with_email_and_password_without_a_second_factor(client):
    member = AccountUserFactory(email="karim@cluster.example.ma")

    response = client.post(reverse("account_login"), {"login": "karim@cluster.example.ma", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/my-space/"
    assert int(client.session["_auth_user_id"]) == member.pk


def test_wrong_password_is_refused_with_a_message(client):
    AccountUserFactory(email="karim@cluster.example.ma")

    response = client.post("/en/accounts/login/", {"login": "karim@cluster.example.ma", "password": "nope"})

    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.content.decode()
    assert 'value="karim@cluster.example.ma"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_after_five_wrong_passwords_even_the_right_one_is_refused_for_a_while(client):
    AccountUserFactory(email="karim@cluster.example.ma")
    for _attempt in range(5):
        client.post("/en/accounts/login/", {"login": "karim@cluster.example.ma", "password": "wrong-guess"})

    response = client.post("/en/accounts/login/", {"login": "karim@cluster.example.ma", "password": PASSWORD})

    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_member_logs_in_with_a_code_sent_by_email(client, code_from_mail):
    member = AccountUserFactory(email="karim@cluster.example.ma")

    response = client.post(reverse("account_request_login_code"), {"email": "karim@cluster.example.ma"})
    assert response.status_code == 302
    assert response.url == reverse("account_confirm_login_code")
    assert mail.outbox[-1].to == ["karim@cluster.example.ma"]

    response = client.post(reverse("account_confirm_login_code"), {"code": code_from_mail()})

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == member.pk


def test_unverified_address_must_be_verified_before_logging_in(client):
    AccountUserFactory(email="karim@cluster.example.ma", verified_email=False)

    response = client.post(reverse("account_login"), {"login": "karim@cluster.example.ma", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert mail.outbox[-1].to == ["karim@cluster.example.ma"]


def test_a_member_lands_on_my_space_after_logging_in(client):
    from tests.factories.members import PASSWORD as MEMBER_PASSWORD
    from tests.factories.members import OrganisationMemberFactory

    member = OrganisationMemberFactory(user__email="salma@atlas.example.ma", user__preferred_language="en").user

    response = client.post("/accounts/login/", {"login": member.email, "password": MEMBER_PASSWORD})

    # In the person's own language, whatever the language of the login page.
    assert response.status_code == 302
    assert response.url == "/en/my-space/"
    page = client.get(response.url)
    assert page.status_code == 200
    assert "<h1>My space</h1>" in page.content.decode()


def test_the_page_asked_for_before_logging_in_still_wins(client):
    AccountUserFactory(email="karim@cluster.example.ma")

    response = client.post(
        reverse("account_login") + "?next=/board/", {"login": "karim@cluster.example.ma", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == "/board/"


def test_secretariat_staff_of_no_company_keep_the_home_page_as_their_landing(client):
    from django.contrib.auth.models import Group

    staff = AccountUserFactory(email="secretariat@astec.example.ma")
    staff.groups.add(Group.objects.get(name="Secrétariat"))

    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})

    # Staff then set up their second factor from the admin; the landing itself is unchanged.
    assert response.status_code == 302
    assert response.url == "/"
