"""A company administrator invites a colleague, who accepts and finds the company in My space."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from core.roles import works_in_back_office
from tests.factories.members import PASSWORD, AdminFactory

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server, user):
    """Give the browser the session of a user logged in by Django's test client. Staff also get an authenticator
    app and a session that passed it, as the staff pages require."""
    client = Client()
    client.force_login(user)
    if works_in_back_office(user):
        import time

        from tests.factories.accounts import add_totp, has_authenticator

        if not has_authenticator(user):
            add_totp(user)
        session = client.session
        session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_administrator_invites_a_colleague_who_joins(page, live_server, screenshot):
    admin = AdminFactory(organisation__legal_name="Atlas Logiciels SARL", organisation__trade_name="Atlas Logiciels")
    company = admin.organisation
    log_in(page, live_server, admin.user)

    page.goto("/my-space/")
    page.get_by_role("link", name=re.compile("people|personnes", re.I)).first.click()
    page.locator("#id_invite-email").fill("karim.tazi@atlas.ma")
    page.locator("form:has(#id_invite-email) button[type=submit]").click()
    page.wait_for_url(f"**/my-space/companies/{company.slug}/people/")
    assert "karim.tazi@atlas.ma" in page.locator("main").inner_text()
    screenshot(page, "invitation-sent")

    link = next(word for word in mail.outbox[-1].body.split() if "/invitations/" in word)
    path = link.removeprefix("http://testserver")

    colleague = page.context.browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    colleague.goto(path)
    colleague.locator("#id_first_name").fill("Karim")
    colleague.locator("#id_last_name").fill("Tazi")
    colleague.locator("#id_password1").fill(PASSWORD)
    colleague.locator("#id_password2").fill(PASSWORD)
    colleague.locator("#id_accept_privacy").check()
    colleague.locator("main form button[type=submit]").click()

    colleague.wait_for_url("**/my-space/")
    text = colleague.locator("main").inner_text()
    assert "Atlas Logiciels" in text
    screenshot(colleague, "colleague-my-space")
    colleague.context.close()
