"""My space's "Board" card: the company's posts, unread messages and suggestions."""

import pytest
from django.urls import reverse

from partnerships import services
from tests.factories.partnerships import PostFactory

pytestmark = pytest.mark.django_db


def test_my_space_shows_the_companys_posts_unread_messages_and_suggestions(
    client, post_a, alice, company_b, bruno, automotive
):
    match = PostFactory(organisation=company_b, kind="offer", sectors=[automotive], title="Presses disponibles")
    services.conversation_start(post=post_a, organisation=company_b, by=bruno, body="Bonjour")
    client.force_login(alice)

    response = client.get(reverse("members:dashboard"))

    page = response.content.decode()
    assert response.status_code == 200
    assert reverse("partnerships:post_detail", args=[post_a.pk]) in page
    assert reverse("partnerships:inbox") in page
    assert reverse("partnerships:post_detail", args=[match.pk]) in page
    assert ">Inbox: 1 unread message<" in page or "1 message non lu" in page


def test_my_space_card_without_a_company(client, outsider):
    client.force_login(outsider)

    response = client.get(reverse("members:dashboard"))

    assert response.status_code == 200
    assert reverse("partnerships:post_create") not in response.content.decode()
