"""Expressions of interest and the private conversations they open between two companies.

Messages are private to the two companies: they are never logged (the log records who did what, not what was
written), and the secretariat has no screen to read them."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from members.models import Organisation
from partnerships.access import AUTHOR_SIDE, belongs_to, can_manage_post, conversation_side
from partnerships.models import Conversation, ConversationRead, Message, Post
from partnerships.services import emails
from partnerships.services.errors import (
    ConversationNotOpen,
    EmptyMessage,
    NotActiveMember,
    NotAllowed,
    NotOnBoard,
    OwnPost,
    WrongStatus,
)

Status = Conversation.Status
MAX_MESSAGE_LENGTH = 5000


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise EmptyMessage()
    if len(body) > MAX_MESSAGE_LENGTH:
        raise EmptyMessage(
            ngettext(
                "A message has at most %(count)s character.",
                "A message has at most %(count)s characters.",
                MAX_MESSAGE_LENGTH,
            )
            % {"count": MAX_MESSAGE_LENGTH}
        )
    return body


def _locked(conversation: Conversation) -> Conversation:
    return (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("post__organisation", "post__author", "organisation", "started_by")
        .get(pk=conversation.pk)
    )


def _parties(conversation: Conversation, side: str) -> tuple[Organisation, Organisation]:
    """(the company acting, the other company) for a person on `side`."""
    if side == AUTHOR_SIDE:
        return conversation.post.organisation, conversation.organisation
    return conversation.organisation, conversation.post.organisation


def _side_or_refuse(user, conversation: Conversation) -> str:
    side = conversation_side(user, conversation)
    if side is None:
        raise NotAllowed(_("This conversation is between two other companies."))
    return side


def _mark_read(conversation: Conversation, user, when=None) -> None:
    ConversationRead.objects.update_or_create(
        conversation=conversation, user=user, defaults={"read_at": when or timezone.now()}
    )


def _add_message(conversation: Conversation, organisation: Organisation, sender, body: str) -> Message:
    message = Message(conversation=conversation, organisation=organisation, sender=sender, body=body)
    message.full_clean()
    message.save()
    conversation.last_message_at = message.created_at
    conversation.save(update_fields=["last_message_at"])
    _mark_read(conversation, sender, message.created_at)
    return message


def _notify(kind: str, conversation: Conversation, *, to: Organisation, by: Organisation, **context) -> None:
    """Tell the other side; a message to a company nobody can be written to at stays on the site, and the
    secretariat is told so that it finds someone there (the sender was told so on the page before sending)."""
    recipients = emails.side_people(conversation, to)
    emails.send(
        kind,
        recipients,
        context={"title": conversation.post.title, "company": by.display_name, **context},
        url_name="partnerships:conversation",
        url_args=[conversation.pk],
    )
    if not recipients.reachable and kind in emails.MESSAGES:
        emails.tell_secretariat(organisation=to, post=conversation.post, recipients=recipients)


@transaction.atomic
def conversation_start(*, post: Post, organisation: Organisation, by, body: str) -> Conversation:
    """A person of another active member company writes to a post's company: the conversation between the two
    companies opens (or, if they already talk about this post, the message is added to it)."""
    if not belongs_to(by, organisation.pk):
        raise NotAllowed()
    if organisation.status != Organisation.Status.ACTIVE:
        raise NotActiveMember()
    post = Post.objects.select_related("organisation", "author").get(pk=post.pk)
    if post.organisation_id == organisation.pk:
        raise OwnPost()
    if not post.is_on_board:
        raise NotOnBoard()
    body = _clean_body(body)
    conversation, created = Conversation.objects.get_or_create(
        post=post, organisation=organisation, defaults={"started_by": by}
    )
    conversation = _locked(conversation)
    if not conversation.accepts_messages:
        raise ConversationNotOpen()
    message = _add_message(conversation, organisation, by, body)
    if created:
        log(instance=conversation, action="partnerships.conversation_start", user=by)
    _notify(
        "interest_received" if created else "message_received",
        conversation,
        to=post.organisation,
        by=organisation,
        body=message.body[: emails.EXCERPT_LENGTH],
    )
    return conversation


@transaction.atomic
def message_send(*, conversation: Conversation, by, body: str) -> Message:
    """Either company writes in the conversation; the other side is told by e-mail."""
    conversation = _locked(conversation)
    side = _side_or_refuse(by, conversation)
    mine, theirs = _parties(conversation, side)
    if mine.status != Organisation.Status.ACTIVE:
        raise NotActiveMember()
    if not conversation.accepts_messages:
        raise ConversationNotOpen()
    message = _add_message(conversation, mine, by, _clean_body(body))
    _notify("message_received", conversation, to=theirs, by=mine, body=message.body[: emails.EXCERPT_LENGTH])
    return message


def _decide(conversation: Conversation, *, by, status: str, allowed_from: tuple[str, ...]) -> Conversation:
    conversation = _locked(conversation)
    side = _side_or_refuse(by, conversation)
    author_decision = status in (Status.ACCEPTED, Status.DECLINED)
    if author_decision and (side != AUTHOR_SIDE or not can_manage_post(by, conversation.post)):
        raise NotAllowed(_("Only the post's author or its company's administrators can accept or decline."))
    if conversation.status not in allowed_from:
        raise WrongStatus(
            _("This conversation is already %(status)s.") % {"status": conversation.get_status_display().lower()}
        )
    conversation.status = status
    conversation.full_clean()
    conversation.save(update_fields=["status"])
    log(instance=conversation, action=f"partnerships.conversation_{status}", user=by)
    mine, theirs = _parties(conversation, side)
    _notify(f"conversation_{status}", conversation, to=theirs, by=mine)
    return conversation


@transaction.atomic
def conversation_accept(*, conversation: Conversation, by) -> Conversation:
    """The post's company takes the interest further; the conversation stays open for messages."""
    return _decide(conversation, by=by, status=Status.ACCEPTED, allowed_from=(Status.OPEN,))


@transaction.atomic
def conversation_decline(*, conversation: Conversation, by) -> Conversation:
    """The post's company is not interested; no more messages can be sent."""
    return _decide(conversation, by=by, status=Status.DECLINED, allowed_from=(Status.OPEN, Status.ACCEPTED))


@transaction.atomic
def conversation_close(*, conversation: Conversation, by) -> Conversation:
    """Either company ends the conversation; no more messages can be sent."""
    return _decide(conversation, by=by, status=Status.CLOSED, allowed_from=(Status.OPEN, Status.ACCEPTED))


@transaction.atomic
def contact_share(*, conversation: Conversation, by) -> Conversation:
    """The person shows the other company their name and e-mail address, which stay hidden until then."""
    conversation = _locked(conversation)
    side = _side_or_refuse(by, conversation)
    field = "author_contact" if side == AUTHOR_SIDE else "interested_contact"
    if getattr(conversation, f"{field}_id") == by.pk:
        return conversation
    setattr(conversation, field, by)
    conversation.save(update_fields=[field])
    log(instance=conversation, action="partnerships.contact_share", user=by)
    mine, theirs = _parties(conversation, side)
    _notify("contact_shared", conversation, to=theirs, by=mine, name=by.get_full_name() or by.email, email=by.email)
    return conversation


@transaction.atomic
def conversation_mark_read(*, conversation: Conversation, user) -> None:
    """Everything in the conversation is now read by this person."""
    if conversation_side(user, conversation) is not None:
        _mark_read(conversation, user)
