import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories.accounts import PASSWORD, AccountUserFactory

pytestmark = pytest.mark.django_db


def test_login_page_in_arabic_reads_right_to_left(client):
    response = client.get("/ar/accounts/login/")

    content = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in content
    assert "تسجيل الدخول" in content


def test_login_page_in_french_by_default(client):
    response = client.get("/accounts/login/")

    content = response.content.decode()
    assert '<html lang="fr" dir="ltr">' in content
    assert "Connexion" in content


def test_account_pages_use_the_site_layout_and_stylesheet(client):
    response = client.get("/accounts/login/")

    content = response.content.decode()
    assert 'class="account-page account-page--entrance"' in content
    assert "css/accounts.css" in content
    assert 'class="button button--primary"' in content


def test_logging_in_switches_to_the_members_preferred_language(client):
    AccountUserFactory(email="amina@cluster.example.ma", preferred_language="ar")

    response = client.post("/accounts/login/", {"login": "amina@cluster.example.ma", "password": PASSWORD})

    assert response.url == "/ar/my-space/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"


def test_emails_go_out_in_the_recipients_language_not_the_pages(client):
    AccountUserFactory(email="amina@cluster.example.ma", preferred_language="ar")

    client.post("/en/accounts/password/reset/", {"email": "amina@cluster.example.ma"})

    assert mail.outbox[-1].subject == "رسالة إعادة ضبط كلمة المرور"


def test_login_page_offers_a_code_by_email_and_a_passkey(client):
    response = client.get(reverse("account_login"))

    content = response.content.decode()
    assert reverse("account_request_login_code") in content
    assert 'id="passkey_login"' in content
