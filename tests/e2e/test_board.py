"""In a real browser: a company posts a request, another expresses interest, they exchange messages."""

import re

import pytest
from django.conf import settings
from django.test import Client

from members.models import Sector
from partnerships.models import Conversation, Post
from partnerships.services import post_approve
from tests.factories.members import AdminFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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


def test_a_request_is_posted_answered_and_discussed(page, live_server, screenshot):
    sector = Sector.objects.get_or_create(slug="aeronautics", defaults={"name": "Aéronautique"})[0]
    author = AdminFactory(organisation__legal_name="Nouaceur Usinage SARL", organisation__trade_name="Nouaceur Usinage")
    supplier = AdminFactory(organisation__legal_name="Tanger Surface SARL", organisation__trade_name="Tanger Surface")
    log_in(page, live_server, author.user)

    page.goto("/board/new/")
    page.locator("#id_kind_1").check()  # a request
    page.locator("#id_category").select_option("subcontracting")
    page.locator("#id_title").fill("Anodisation de pièces aéronautiques")
    page.locator(f"input[name=sectors][value='{sector.pk}']").check()
    page.locator("#id_description").fill("Nous cherchons un partenaire pour l'anodisation de 500 pièces par mois.")
    page.locator("button[name=submit]").click()
    page.wait_for_url(re.compile(r".*/board/\d+/$"))
    post = Post.objects.get()
    assert post.status == Post.Status.SUBMITTED and list(post.sectors.all()) == [sector]

    post_approve(post=post, by=None)  # the secretariat's screens are tested in test_admin.py

    other = page.context.browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    log_in(other, live_server, supplier.user)
    other.goto("/board/")
    other.get_by_role("link", name="Anodisation de pièces aéronautiques").click()
    other.locator("#id_body").fill("Nous avons une ligne d'anodisation sulfurique qualifiée.")
    other.locator("#interest button[type=submit]").click()
    other.wait_for_url(re.compile(r".*/my-space/board/conversations/\d+/$"))
    conversation = Conversation.objects.get()
    screenshot(other, "interest-sent")

    page.goto(f"/my-space/board/conversations/{conversation.pk}/")
    assert "Nous avons une ligne d'anodisation sulfurique qualifiée." in page.locator("main").inner_text()
    assert supplier.user.email not in page.content()
    page.locator("#id_body").fill("Merci ! Pouvez-vous nous envoyer vos certificats ?")
    page.locator("main form:has(#id_body) button[type=submit]").click()
    page.wait_for_load_state()

    other.reload()
    assert "Pouvez-vous nous envoyer vos certificats ?" in other.locator("main").inner_text()
    screenshot(other, "conversation")
    other.context.close()
