import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.accounts import PASSWORD, AccountUserFactory

pytestmark = pytest.mark.django_db


def test_member_logs_in_with_email_and_password_without_a_second_factor(client):
    member = AccountUserFactory(email="karim@cluster.example.ma")

    response = client.post(reverse("account_login"), {"login": "karim@cluster.example.ma", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/"
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
