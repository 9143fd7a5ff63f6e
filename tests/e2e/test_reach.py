"""In a real browser, in French and in Arabic: a member opens a board post of a company where nobody has an
account, is told before sending that the company's contact address will get the message, sends their interest,
and the contact address receives it, saying why."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from partnerships.models import Conversation
from tests.e2e.journeys import localised, site_with_pages
from tests.factories.members import AdminFactory, OrganisationFactory
from tests.factories.partnerships import PostFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONTACT = "contact@dardata.example.ma"
BODY = "Nous avons une ligne d'anodisation sulfurique qualifiée."


def log_in(tab, live_server, user):
    """Give the browser the session of a user logged in by Django's test client."""
    client = Client()
    client.force_login(user)
    tab.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.parametrize("screen", ["desktop", "phone"])
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_member_is_told_and_the_contact_address_of_a_company_without_accounts_gets_the_interest(
    page, live_server, screenshot, language, screen
):
    if screen == "phone":
        page.set_viewport_size({"width": 360, "height": 740})
    site_with_pages()
    member = AdminFactory(
        organisation__legal_name="Atlas Logiciels SARL",
        organisation__trade_name="Atlas Logiciels",
        user__preferred_language=language,
    )
    imported = OrganisationFactory(legal_name="Dar Data SARL", trade_name="Dar Data", contact_email=CONTACT)
    post = PostFactory(organisation=imported, author=None, title="Hébergement de nos plateformes de test")
    log_in(page, live_server, member.user)

    page.goto(localised(f"/board/{post.pk}/", language))

    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    notice = page.locator("#interest #reach-notice")
    assert notice.is_visible()
    assert "Dar Data" in notice.inner_text() and CONTACT in notice.inner_text()
    # Said before sending: the notice comes before the form's button.
    assert notice.bounding_box()["y"] < page.locator("#interest button[type=submit]").bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, f"notice-{language}-{screen}")

    page.locator("#id_body").fill(BODY)
    page.locator("#interest button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/my-space/board/conversations/\d+/$"))

    assert Conversation.objects.get().post == post
    assert CONTACT in page.locator(".message--success").inner_text()  # the confirmation names the address
    assert [message.to for message in mail.outbox] == [[CONTACT]]
    email = mail.outbox[0]
    assert BODY in email.body
    assert "Dar Data" in email.body.split(BODY)[0]  # why it came there, before the message
    assert "contact@astec.example.ma" in email.body  # whom to ask for an account
    assert email.reply_to == ["contact@astec.example.ma"]
    screenshot(page, f"sent-{language}-{screen}")
