"""Announcements the secretariat e-mails to a segment of members, who got each one, and who asked not to.

An announcement is written once (French, optionally English and Arabic); sending it writes one Delivery per
address, so that "who got what" is a query and a batch re-run can never send the same address twice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Topic(models.TextChoices):
    """What an announcement is about. The last three are topics members can opt out of."""

    GENERAL = "general", _("General announcement")
    EVENTS = "event_announcements", _("Event announcements")
    NEWS_DIGEST = "news_digest", _("News digest")
    BOARD_MATCHES = "board_matches", _("Board matches")


# Each opt-out topic is also the name of its field on EmailPreferences.
OPT_OUT_TOPICS = (Topic.NEWS_DIGEST, Topic.EVENTS, Topic.BOARD_MATCHES)


class Segment(models.TextChoices):
    ACTIVE_MEMBERS = "active_members", _("People of all active members")
    COMPANY_ADMINS = "company_admins", _("Company administrators of active members")
    PLAN = "plan", _("People of the active members of one plan")
    SECTOR = "sector", _("People of the active members of one sector")
    EVENT_ATTENDEES = "event_attendees", _("Confirmed attendees of one event")
    LAPSED_MEMBERS = "lapsed_members", _("People of lapsed members")


# The field each segment needs filled in, and which must stay empty otherwise.
SEGMENT_TARGETS = {Segment.PLAN: "plan", Segment.SECTOR: "sector", Segment.EVENT_ATTENDEES: "event"}


class Announcement(models.Model):
    """An e-mail from the secretariat to a segment. Draft → queued (deliveries written) → sent (all handled)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        QUEUED = "queued", _("Sending")
        SENT = "sent", pgettext_lazy("announcement status", "Sent")
        FAILED = "failed", pgettext_lazy("announcement status", "Not delivered")

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), help_text=_("Plain text; blank lines separate paragraphs."))
    subject_en = models.CharField(_("subject in English"), max_length=200, blank=True)
    body_en = models.TextField(_("message in English"), blank=True)
    subject_ar = models.CharField(_("subject in Arabic"), max_length=200, blank=True)
    body_ar = models.TextField(_("message in Arabic"), blank=True)
    topic = models.CharField(
        _("topic"),
        max_length=24,
        choices=Topic.choices,
        default=Topic.GENERAL,
        help_text=_("Members who opted out of this topic are skipped. Everyone gets general announcements."),
    )
    segment = models.CharField(_("recipients"), max_length=24, choices=Segment.choices)
    plan = models.ForeignKey(
        "members.MembershipPlan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("plan"),
    )
    sector = models.ForeignKey(
        "members.Sector", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("sector")
    )
    event = models.ForeignKey(
        "events.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("event"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sent by"),
    )
    queued_at = models.DateTimeField(_("send started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    recipients_count = models.PositiveIntegerField(_("addresses"), default=0)
    sent_count = models.PositiveIntegerField(_("delivered"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-pk"]
        permissions = [("send_announcement", _("Can send announcements"))]

    def __str__(self):
        return self.subject

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def clean(self):
        super().clean()
        errors = {}
        needed = SEGMENT_TARGETS.get(self.segment)
        for field in SEGMENT_TARGETS.values():
            if field == needed and getattr(self, f"{field}_id") is None:
                errors[field] = _("Required for the chosen recipients.")
            elif field != needed:
                setattr(self, field, None)
        for code in ("en", "ar"):
            if bool(getattr(self, f"subject_{code}").strip()) != bool(getattr(self, f"body_{code}").strip()):
                errors[f"body_{code}"] = _("Write both the subject and the message of this translation, or neither.")
        if errors:
            raise ValidationError(errors)

    def content_for(self, language: str | None) -> tuple[str, str, str]:
        """(language, subject, body) for a recipient who reads `language`: their version if written, else French."""
        code = (language or "")[:2]
        if code in ("en", "ar") and getattr(self, f"subject_{code}") and getattr(self, f"body_{code}"):
            return code, getattr(self, f"subject_{code}"), getattr(self, f"body_{code}")
        return settings.LANGUAGE_CODE, self.subject, self.body


class Delivery(models.Model):
    """One address an announcement went (or did not go) to."""

    # Not content: Wagtail's reference index ("usage") would only fill up with them.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", pgettext_lazy("delivery status", "Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    class SkipReason(models.TextChoices):
        OPTED_OUT = "opted_out", _("Unsubscribed from this topic")
        SUPPRESSED = "suppressed", _("Address on the suppression list")

    announcement = models.ForeignKey(
        Announcement, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("announcement")
    )
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announcement_deliveries",
        verbose_name=_("account"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    skip_reason = models.CharField(_("skipped because"), max_length=12, choices=SkipReason.choices, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # A worker that stops while sending leaves its rows "being sent": the lease lets the reaper take them back.
    claimed_at = models.DateTimeField(_("taken for sending"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["announcement", "email"]
        constraints = [
            models.UniqueConstraint(fields=["announcement", "email"], name="members_delivery_once_per_address"),
        ]
        indexes = [models.Index(fields=["announcement", "status"])]

    def __str__(self):
        return f"{self.announcement} → {self.email}"


class EmailPreferences(models.Model):
    """Which optional e-mails a person receives. Kept for an account, or for an address that has none (a guest
    who registered for an event and followed an unsubscribe link)."""

    wagtail_reference_index_ignore = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="email_preferences",
        verbose_name=_("account"),
    )
    email = models.EmailField(_("e-mail address"), blank=True, help_text=_("Only for people without an account."))
    news_digest = models.BooleanField(_("news digest"), default=True)
    event_announcements = models.BooleanField(_("event announcements"), default=True)
    board_matches = models.BooleanField(_("board matches"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("e-mail preferences")
        verbose_name_plural = _("e-mail preferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(email=""),
                name="members_email_preferences_for_someone",
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(user__isnull=True),
                name="members_email_preferences_one_per_address",
            ),
        ]

    def __str__(self):
        return str(self.user or self.email)

    def allows(self, topic: str) -> bool:
        return getattr(self, topic) if topic in OPT_OUT_TOPICS else True


class SuppressedAddress(models.Model):
    """An address no announcement goes to: it bounced, its owner complained, or unsubscribed from everything."""

    # Not content: Wagtail's reference index ("usage") would only fill up with them.
    wagtail_reference_index_ignore = True

    class Reason(models.TextChoices):
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Marked as spam")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed from all announcements")
        MANUAL = "manual", _("Added by the secretariat")

    email = models.EmailField(_("e-mail address"), unique=True)
    reason = models.CharField(_("reason"), max_length=14, choices=Reason.choices, default=Reason.BOUNCED)
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppression list")
        ordering = ["-created_at", "email"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.email = normalise_email(self.email)


def normalise_email(email: str) -> str:
    """Addresses compare case-insensitively everywhere in communications (as User.email is stored)."""
    return (email or "").strip().lower()
