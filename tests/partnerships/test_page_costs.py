"""A post's page, the inbox and a conversation cost the same queries whatever the size of the board."""

import pytest
from django.urls import reverse

from partnerships import services
from tests.factories.members import OrganisationFactory
from tests.factories.partnerships import MessageFactory, PostFactory

pytestmark = pytest.mark.django_db


def populate(post, sector, count):
    for number in range(count):
        other = PostFactory(kind="offer" if number % 2 else "request", sectors=[sector], regions=["oriental"])
        conversation = services.conversation_start(
            post=post, organisation=other.organisation, by=other.author, body=f"Message {number}"
        )
        MessageFactory(conversation=conversation, organisation=post.organisation, sender=post.author)
        OrganisationFactory().sectors.add(sector)


@pytest.mark.parametrize("count", [2, 20])
def test_own_post_page_with_conversations_and_suggestions(
    client, post_a, alice, automotive, django_assert_max_num_queries, count
):
    populate(post_a, automotive, count)
    client.force_login(alice)
    url = reverse("partnerships:post_detail", args=[post_a.pk])
    client.get(url)

    with django_assert_max_num_queries(23):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_inbox_and_conversation_pages(client, post_a, alice, automotive, django_assert_max_num_queries, count):
    populate(post_a, automotive, count)
    client.force_login(alice)
    conversation = post_a.conversations.first()

    with django_assert_max_num_queries(16):
        assert client.get(reverse("partnerships:inbox")).status_code == 200
    # The conversation page says who the next message will reach (one query: members.recipients).
    with django_assert_max_num_queries(22):
        assert client.get(reverse("partnerships:conversation", args=[conversation.pk])).status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_my_space_board_card(client, post_a, alice, automotive, django_assert_max_num_queries, count):
    populate(post_a, automotive, count)
    client.force_login(alice)
    url = reverse("members:dashboard")
    client.get(url)

    # The whole of My space (the members' and events' cards too): the board's card adds about fifteen.
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200
