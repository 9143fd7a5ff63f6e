"""An invitation written in Arabic is an Arabic journey end to end: the administrator invites from the Arabic page,
the e-mail is in Arabic with a link under /ar/, the colleague accepts on a phone in Arabic and their account speaks
Arabic from then on."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from tests.e2e.journeys import site_with_pages, translated
from tests.factories.members import PASSWORD, AdminFactory
from tests.factories.memberships import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def company_admin():
    site_with_pages()
    admin = AdminFactory(
        organisation__legal_name="Atlas Logiciels SARL",
        organisation__trade_name="Atlas Logiciels",
        user__email="nadia.idrissi@atlas.ma",
        user__first_name="Nadia",
        user__last_name="Idrissi",
    )
    today = timezone.localdate()
    MembershipFactory(
        organisation=admin.organisation, period_start=today - timedelta(days=30), period_end=today + timedelta(days=335)
    )
    return admin


def test_an_invitation_written_in_arabic_is_accepted_in_arabic(browser, page, live_server, screenshot, company_admin):
    company = company_admin.organisation

    # The administrator works in Arabic and invites a colleague from the company's people page.
    page.goto("/ar/accounts/login/?next=/ar/my-space/")
    page.locator("input[name=login]").fill("nadia.idrissi@atlas.ma")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").first.click()
    page.wait_for_url("**/ar/my-space/")
    page.goto(f"/ar/my-space/companies/{company.slug}/people/")
    page.locator("#id_invite-email").fill("salma.bennani@atlas.ma")
    page.locator("form:has(#id_invite-email) button[type=submit]").click()
    page.wait_for_url(f"**/ar/my-space/companies/{company.slug}/people/")

    # The e-mail is Arabic, right to left, and its link opens the Arabic page.
    invitation = next(message for message in mail.outbox if "salma.bennani@atlas.ma" in message.to)
    html = invitation.alternatives[0][0]
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert translated("Accept the invitation", "ar") in html
    link = next(word for word in invitation.body.split() if "/invitations/" in word)
    assert "/ar/invitations/" in link

    # The colleague opens it on a phone, in Arabic, and joins.
    phone = browser.new_context(base_url=live_server.url, locale="ar-MA", viewport={"width": 360, "height": 740})
    colleague = phone.new_page()
    colleague.set_default_timeout(10_000)
    colleague.goto(link.removeprefix("http://testserver"))
    assert colleague.locator("html").get_attribute("dir") == "rtl"
    assert "Atlas Logiciels" in colleague.locator("main").inner_text()
    colleague.locator("#id_first_name").fill("Salma")
    colleague.locator("#id_last_name").fill("Bennani")
    colleague.locator("#id_password1").fill(PASSWORD)
    colleague.locator("#id_password2").fill(PASSWORD)
    colleague.locator("#id_accept_privacy").check()
    colleague.locator("main form button[type=submit]").click()
    colleague.wait_for_url(re.compile(r"/ar/my-space/$"))
    assert translated("My space", "ar") in colleague.locator("h1").inner_text()
    assert colleague.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(colleague, "colleague-joined-ar-phone")

    # Their account speaks Arabic: the next e-mails and log-ins follow it.
    assert get_user_model().objects.get(email="salma.bennani@atlas.ma").preferred_language == "ar"
    phone.close()
