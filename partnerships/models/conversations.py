from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.models import Organisation

from .posts import Post


class ConversationQuerySet(models.QuerySet):
    def involving(self, organisation_ids):
        """Conversations in which one of these companies is a party: as the post's author or as the interested."""
        return self.filter(
            models.Q(post__organisation_id__in=organisation_ids) | models.Q(organisation_id__in=organisation_ids)
        )


class Conversation(models.Model):
    """The private exchange between a post's company and another company interested in it.

    The two sides see each other's company name; a person's name and e-mail address only once that person
    chooses to share them (author_contact, interested_contact)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CLOSED = "closed", _("Closed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="conversations", verbose_name=_("post"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="board_conversations",
        verbose_name=_("interested company"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    author_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact shared by the post's company"),
    )
    interested_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact shared by the interested company"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["post", "organisation"], name="partnerships_one_conversation_per_company")
        ]
        indexes = [models.Index(fields=["organisation", "-last_message_at"], name="partnerships_conv_interested")]

    def __str__(self):
        return f"{self.post} · {self.organisation}"

    @property
    def accepts_messages(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.ACCEPTED)


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages", verbose_name=_("conversation")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("sent by the company")
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("sender")
    )
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"], name="partnerships_msg_conversation")]

    def __str__(self):
        return f"{self.conversation} · {self.created_at:%Y-%m-%d %H:%M}"


class ConversationRead(models.Model):
    """When a person last read a conversation: what came from the other side afterwards is unread."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conversation", "user"], name="partnerships_read_once")]

    def __str__(self):
        return f"{self.user} · {self.conversation}"
