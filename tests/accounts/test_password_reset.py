import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories.accounts import AccountUserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nouveau-Mot-de-passe-2026"


def reset_link() -> str:
    match = re.search(r"http://testserver(\S*/password/reset/key/\S+)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_password_reset_emails_a_link(client):
    AccountUserFactory(email="karim@cluster.example.ma")

    response = client.post(reverse("account_reset_password"), {"email": "karim@cluster.example.ma"})

    assert response.status_code == 302
    assert mail.outbox[-1].to == ["karim@cluster.example.ma"]
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body
    assert mail.outbox[-1].alternatives  # with an HTML part


def test_the_emailed_link_sets_a_new_password_that_then_logs_in(client):
    AccountUserFactory(email="karim@cluster.example.ma")
    client.post(reverse("account_reset_password"), {"email": "karim@cluster.example.ma"})

    form_page = client.get(reset_link(), follow=True)
    response = client.post(form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    login = client.post(reverse("account_login"), {"login": "karim@cluster.example.ma", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert "_auth_user_id" in client.session
