"""Expressing interest opens a private conversation between two companies; the author's side decides."""

import pytest
from django.core import mail
from django.urls import reverse

from partnerships import services
from partnerships.models import Conversation, Message
from partnerships.selectors import unread_total
from tests.partnerships.conftest import person

pytestmark = pytest.mark.django_db


def express_interest(client, post, body="Nous avons des presses disponibles."):
    return client.post(reverse("partnerships:express_interest", args=[post.pk]), {"body": body})


def conversation_url(conversation, action=None):
    if action:
        return reverse("partnerships:conversation_action", args=[conversation.pk, action])
    return reverse("partnerships:conversation", args=[conversation.pk])


@pytest.fixture
def conversation(post_a, company_b, bruno):
    return services.conversation_start(post=post_a, organisation=company_b, by=bruno, body="Bonjour, intéressés.")


def test_expressing_interest_opens_a_conversation_and_tells_the_author_in_their_language(
    client, post_a, alice, bruno, company_b
):
    alice.preferred_language = "en"
    alice.save()
    client.force_login(bruno)

    response = express_interest(client, post_a)

    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response["Location"] == conversation_url(conversation)
    assert conversation.post == post_a and conversation.organisation == company_b
    assert [m.body for m in conversation.messages.all()] == ["Nous avons des presses disponibles."]
    assert [message.to for message in mail.outbox] == [[alice.email]]
    assert "Bouregreg Plastiques is interested" in mail.outbox[0].subject
    assert "/en/my-space/board/conversations/" in mail.outbox[0].body


def test_no_email_address_is_revealed_until_someone_shares_it(client, conversation, alice, bruno):
    notification = mail.outbox[-1]
    assert bruno.email not in notification.body and bruno.email not in notification.alternatives[0][0]
    client.force_login(alice)
    assert bruno.email not in client.get(conversation_url(conversation)).content.decode()

    client.force_login(bruno)
    client.post(conversation_url(conversation, "share"))

    client.force_login(alice)
    page = client.get(conversation_url(conversation)).content.decode()
    assert bruno.email in page
    assert alice.email not in page  # Alice has not shared hers
    assert bruno.email in mail.outbox[-1].body


def test_replies_notify_the_other_side_and_count_as_unread_until_read(client, conversation, alice, bruno):
    assert unread_total(user=alice) == 1
    client.force_login(alice)
    client.get(conversation_url(conversation))
    assert unread_total(user=alice) == 0

    response = client.post(conversation_url(conversation), {"body": "Merci, quelles cadences ?"})

    assert response.status_code == 302
    assert mail.outbox[-1].to == [bruno.email]
    assert unread_total(user=bruno) == 1 and unread_total(user=alice) == 0
    inbox = client.get(reverse("partnerships:inbox"))
    assert [row.unread for row in inbox.context["conversations"]] == [0]


def test_the_inbox_lists_the_conversations_of_the_persons_companies(client, conversation, amine, chafik):
    client.force_login(amine)
    assert [row.pk for row in client.get(reverse("partnerships:inbox")).context["conversations"]] == [conversation.pk]
    client.force_login(chafik)
    assert list(client.get(reverse("partnerships:inbox")).context["conversations"]) == []


def test_a_second_expression_of_interest_continues_the_same_conversation(client, conversation, post_a, bruno):
    client.force_login(bruno)

    express_interest(client, post_a, "Un complément.")

    assert Conversation.objects.count() == 1
    assert conversation.messages.count() == 2


def test_author_accepts_then_the_interested_company_is_told(client, conversation, alice, bruno):
    client.force_login(alice)

    client.post(conversation_url(conversation, "accept"))

    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.ACCEPTED
    assert mail.outbox[-1].to == [bruno.email]


def test_after_declining_no_more_messages_can_be_sent(client, conversation, alice, bruno):
    client.force_login(alice)
    client.post(conversation_url(conversation, "decline"))
    client.force_login(bruno)

    response = client.post(conversation_url(conversation), {"body": "Et pourtant ?"})

    assert response.status_code == 400
    assert conversation.messages.count() == 1


def test_the_interested_company_cannot_accept_but_can_close(client, conversation, bruno):
    client.force_login(bruno)

    client.post(conversation_url(conversation, "accept"))
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN

    client.post(conversation_url(conversation, "close"))
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.CLOSED


def test_a_company_cannot_express_interest_in_its_own_post(client, post_a, amine):
    client.force_login(amine)

    response = express_interest(client, post_a)

    assert response.status_code == 302
    assert not Conversation.objects.exists()
    with pytest.raises(services.OwnPost):
        services.conversation_start(post=post_a, organisation=post_a.organisation, by=amine, body="Moi-même")


def test_a_lapsed_company_cannot_express_interest(client, post_a, lapsed_person):
    client.force_login(lapsed_person)

    assert express_interest(client, post_a).status_code == 404  # members-only post: not visible to it
    assert not Conversation.objects.exists()


def test_an_empty_message_answers_400_and_keeps_the_form(client, post_a, bruno):
    client.force_login(bruno)

    response = express_interest(client, post_a, body="   ")

    assert response.status_code == 400
    assert "body" in response.context["interest_form"].errors
    assert not Conversation.objects.exists()


def test_interest_in_a_post_no_longer_on_the_board_is_refused(client, post_a, alice, bruno):
    services.post_close(post=post_a, by=alice, outcome="found_here")
    client.force_login(bruno)

    assert express_interest(client, post_a).status_code == 404


def test_a_third_company_cannot_read_or_act_on_a_conversation_through_any_url(client, conversation, chafik):
    client.force_login(chafik)

    assert client.get(conversation_url(conversation)).status_code == 404
    assert client.post(conversation_url(conversation), {"body": "Intrus"}).status_code == 404
    for action in ("accept", "decline", "close", "share"):
        assert client.post(conversation_url(conversation, action)).status_code == 404, action
    inbox = client.get(reverse("partnerships:inbox")).content.decode()

    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.OPEN and conversation.interested_contact is None
    assert not Message.objects.filter(body="Intrus").exists()
    assert "Bonjour, intéressés." not in inbox


def test_staff_without_a_company_cannot_read_conversations_on_the_site(client, conversation, secretary):
    assert client.get(conversation_url(conversation)).status_code == 404


def test_a_visitor_is_sent_to_log_in(client, conversation):
    response = client.get(conversation_url(conversation))

    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_unknown_action_answers_404(client, conversation, alice):
    client.force_login(alice)

    assert client.post(conversation_url(conversation, "delete")).status_code == 404


def test_notifications_go_to_the_people_who_took_part(conversation, company_b, alice, bruno):
    colleague = person(company_b, email="colleague@bouregreg.example.ma")
    services.message_send(conversation=conversation, by=colleague, body="Je complète.")
    mail.outbox.clear()

    services.message_send(conversation=conversation, by=alice, body="Bien reçu.")

    assert sorted(message.to[0] for message in mail.outbox) == sorted([bruno.email, colleague.email])
