import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from members.models import Consent, User

pytestmark = pytest.mark.django_db

PASSWORD = "Technopark-Casa-2026"


def signup_data(**overrides):
    data = {
        "first_name": "Nadia",
        "last_name": "El Idrissi",
        "email": "nadia@startup.example.ma",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "preferred_language": "fr",
        "privacy_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_signup_page_asks_for_names_language_and_privacy_consent(client, notice):
    response = client.get(reverse("account_signup"))

    content = response.content.decode()
    assert response.status_code == 200
    for name in ("first_name", "last_name", "email", "password1", "preferred_language", "privacy_consent"):
        assert f'name="{name}"' in content
    assert "version 2099-1" in content


def test_signup_emails_a_verification_code(client, notice, code_from_mail):
    response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nadia@startup.example.ma"]
    assert code_from_mail()


def test_entering_the_emailed_code_verifies_the_address_and_logs_in(client, notice, code_from_mail):
    client.post(reverse("account_signup"), signup_data())

    response = client.post(reverse("account_email_verification_sent"), {"code": code_from_mail()})

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nadia@startup.example.ma").verified
    assert int(client.session["_auth_user_id"]) == User.objects.get(email="nadia@startup.example.ma").pk


def test_wrong_verification_code_is_refused(client, notice):
    client.post(reverse("account_signup"), signup_data())

    response = client.post(reverse("account_email_verification_sent"), {"code": "AAAA-AAAA"})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert not EmailAddress.objects.get(email="nadia@startup.example.ma").verified


def test_verified_member_can_then_log_in_with_password(client, notice, code_from_mail):
    client.post(reverse("account_signup"), signup_data())
    client.post(reverse("account_email_verification_sent"), {"code": code_from_mail()})
    client.logout()

    response = client.post(reverse("account_login"), {"login": "nadia@startup.example.ma", "password": PASSWORD})

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_signup_records_names_language_and_consent_to_the_current_notice(client, notice):
    client.post(reverse("account_signup"), signup_data(preferred_language="ar"), REMOTE_ADDR="196.200.131.10")

    user = User.objects.get(email="nadia@startup.example.ma")
    consent = Consent.objects.get(user=user)
    assert (user.first_name, user.last_name, user.preferred_language) == ("Nadia", "El Idrissi", "ar")
    assert consent.purpose == Consent.Purpose.PRIVACY_NOTICE
    assert consent.notice == notice
    assert consent.granted
    assert consent.ip_address == "196.200.131.10"


def test_signup_without_the_privacy_consent_is_refused_and_saves_nothing(client, notice):
    response = client.post("/en/accounts/signup/", signup_data(privacy_consent=None))

    assert response.status_code == 200
    assert "Please confirm that you have read the privacy notice." in response.content.decode()
    assert 'value="nadia@startup.example.ma"' in response.content.decode()
    assert not User.objects.filter(email="nadia@startup.example.ma").exists()
    assert not Consent.objects.exists()
    assert not mail.outbox


def test_preferred_language_defaults_to_the_language_of_the_page(client, notice):
    response = client.get("/en/accounts/signup/")

    assert response.context["form"]["preferred_language"].value() == "en"


def test_verification_email_is_written_in_the_chosen_language(client, notice):
    client.post(reverse("account_signup"), signup_data(preferred_language="ar"))

    assert mail.outbox[0].subject == "أكد عنوان البريد الإلكتروني"


def test_signup_with_an_address_already_registered_creates_no_second_account(client, notice):
    client.post(reverse("account_signup"), signup_data())
    mail.outbox.clear()
    cache.clear()  # a while later: allauth sends at most one mail to an address every 10 seconds

    response = Client().post(reverse("account_signup"), signup_data(first_name="Autre"))

    assert response.url == reverse("account_email_verification_sent")  # the same answer as for a new address

    assert User.objects.filter(email="nadia@startup.example.ma").count() == 1
    assert Consent.objects.count() == 1
    assert len(mail.outbox) == 1  # "you already have an account", so that nobody learns who is registered
