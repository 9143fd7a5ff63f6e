"""Tickets, registrations, custom questions and the waitlist of an event.

Money is kept in centimes of MAD (the admin types and shows it in MAD, core.forms.MoneyField). Seats are counted,
never stored as a counter: a registration holds a seat while it is reserved (awaiting payment) or confirmed, and a
waitlist offer holds one until it is claimed or runs out.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import localized
from core.money import to_decimal
from core.time import HOME_TIME_ZONE
from core.wall_clock import WallClockField, WallClockMixin
from events import codes


def new_registration_code() -> str:
    """A ticket code to print as a QR code, read aloud and type at check-in: `K7QF-9MZT-4HXA-W2RD` (80 random bits,
    see events.codes). The unique column refuses a duplicate, which full_clean() checks before each insert."""
    return codes.new_code()


def new_waitlist_token() -> str:
    return secrets.token_urlsafe(24)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class TicketTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def on_sale(self, now=None):
        now = now or timezone.now()
        return (
            self.active()
            .filter(models.Q(sales_start__isnull=True) | models.Q(sales_start__lte=now))
            .filter(models.Q(sales_end__isnull=True) | models.Q(sales_end__gt=now))
        )


class EventWallClockMixin(WallClockMixin):
    """Deadlines of an event, typed in the event's local time (core.wall_clock)."""

    class Meta:
        abstract = True

    def wall_clock_zone(self) -> str:
        return self.event.time_zone if self.event_id else HOME_TIME_ZONE


class TicketType(EventWallClockMixin):
    """A kind of ticket for an event, with its price for members of a current company and for everyone else.
    Its sales dates are typed in the event's local time; the instants queries use follow from them."""

    # Not pages' content: Wagtail's reference index ("usage") would only fill up with them.
    wagtail_reference_index_ignore = True

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="ticket_types", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=120, blank=True)
    # Prices are kept in centimes; the admin types and shows them in MAD (core.forms.MoneyField).
    member_price = models.PositiveIntegerField(
        _("member price (MAD)"),
        null=True,
        blank=True,
        help_text=_("For people whose company is a current member. 0 for free; empty if not offered to members."),
    )
    non_member_price = models.PositiveIntegerField(
        _("non-member price (MAD)"),
        null=True,
        blank=True,
        help_text=_("For everyone else. 0 for free; empty if not offered to non-members."),
    )
    quota = models.PositiveIntegerField(
        _("quota"), null=True, blank=True, help_text=_("Seats for this ticket. Empty for no limit but the event's.")
    )
    sales_start_local = WallClockField(
        _("sales start"), null=True, blank=True, help_text=_("In the event's local time. Empty: on sale at once.")
    )
    sales_end_local = WallClockField(
        _("sales end"), null=True, blank=True, help_text=_("In the event's local time. Empty: until the event.")
    )
    sales_start = models.DateTimeField(_("sales start (instant)"), null=True, blank=True, editable=False)
    sales_end = models.DateTimeField(_("sales end (instant)"), null=True, blank=True, editable=False)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("offered"), default=True)

    objects = TicketTypeQuerySet.as_manager()
    wall_clocks = {"sales_start": "sales_start_local", "sales_end": "sales_end_local"}

    class Meta:
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    def name_for(self, language_code: str | None = None) -> str:
        return localized(self, "name", language_code)

    @property
    def member_price_mad(self) -> Decimal | None:
        return None if self.member_price is None else to_decimal(self.member_price)

    @property
    def non_member_price_mad(self) -> Decimal | None:
        return None if self.non_member_price is None else to_decimal(self.non_member_price)

    def price_for(self, *, is_member: bool) -> int | None:
        """What someone of this group pays, or None when the ticket is not offered to them."""
        return self.member_price if is_member else self.non_member_price

    def is_on_sale(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.is_active
            and (self.sales_start is None or self.sales_start <= now)
            and (self.sales_end is None or now < self.sales_end)
        )


class RefundRule(models.TextChoices):
    FULL = "full", _("Full refund")
    NONE = "none", _("No refund")


class RegistrationSettings(EventWallClockMixin):
    """How registration works for one event. Its row is also the lock that serialises seat allocation."""

    wagtail_reference_index_ignore = True

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, related_name="registration_settings", verbose_name=_("event")
    )
    is_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats over all ticket types. Empty for no limit.")
    )
    payment_deadline_hours = models.PositiveSmallIntegerField(
        _("payment deadline (hours)"),
        default=48,
        help_text=_("An unpaid reservation expires after this many hours and its seat is freed."),
    )
    cancellation_deadline_local = WallClockField(
        _("cancellation deadline"),
        null=True,
        blank=True,
        help_text=_("In the event's local time. Attendees can cancel until then. Empty: until the event starts."),
    )
    cancellation_deadline = models.DateTimeField(
        _("cancellation deadline (instant)"), null=True, blank=True, editable=False
    )
    refund_rule = models.CharField(
        _("refund on cancellation"), max_length=10, choices=RefundRule, default=RefundRule.FULL
    )
    waitlist_enabled = models.BooleanField(_("waitlist when full"), default=True)
    waitlist_offer_hours = models.PositiveSmallIntegerField(
        _("waitlist offer valid for (hours)"),
        default=24,
        help_text=_("How long a freed seat is kept for the next person."),
    )

    wall_clocks = {"cancellation_deadline": "cancellation_deadline_local"}

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = _("registration settings")

    def __str__(self):
        return str(self.event)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def holding_seat(self):
        """Registrations that take a seat: confirmed, or reserved and awaiting payment."""
        return self.filter(status__in=Registration.HOLDING_SEAT)


class Registration(models.Model):
    """One person's place at an event."""

    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        RESERVED = "reserved", _("Awaiting payment")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        EXPIRED = "expired", _("Expired")

    HOLDING_SEAT = (Status.RESERVED, Status.CONFIRMED)

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    ticket_type = models.ForeignKey(
        TicketType, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("ticket")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("attendee account"),
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
        verbose_name=_("company"),
    )
    company_name = models.CharField(
        _("company name"), max_length=200, blank=True, help_text=_("As typed by a guest without a member company.")
    )
    attendee_name = models.CharField(_("attendee name"), max_length=200)
    attendee_email = models.EmailField(_("attendee e-mail"))
    language = models.CharField(_("language"), max_length=2, default="fr")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.RESERVED)
    price = models.PositiveIntegerField(_("price (centimes)"), default=0)
    order = models.ForeignKey(
        "payments.Order",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
        verbose_name=_("order"),
    )
    code = models.CharField(_("ticket code"), max_length=24, unique=True, default=new_registration_code, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    expires_at = models.DateTimeField(_("payment due by"), null=True, blank=True)
    payment_reminder_sent_at = models.DateTimeField(
        _("payment reminder sent"),
        null=True,
        blank=True,
        help_text=_("When the buyer was reminded that this reservation ends soon (once per payment deadline)."),
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # Seat counts inside the allocation lock: by event (capacity) and by ticket type (quota).
            models.Index(fields=["event", "status"]),
            models.Index(fields=["ticket_type", "status"]),
            models.Index(fields=["status", "expires_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "attendee_email"],
                condition=models.Q(status__in=["reserved", "confirmed"]),
                name="events_one_live_registration_per_email",
                violation_error_message=_("This person is already registered for this event."),
            ),
        ]

    def __str__(self):
        return f"{self.attendee_name} · {self.event}"

    @property
    def holds_seat(self) -> bool:
        return self.status in self.HOLDING_SEAT

    @property
    def company_display(self) -> str:
        return self.organisation.display_name if self.organisation_id else self.company_name


class Question(models.Model):
    """A custom question asked when registering for an event."""

    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        CHOICE = "choice", _("Choice")
        YES_NO = "yes_no", _("Yes or no")

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="questions", verbose_name=_("event")
    )
    label = models.CharField(_("question"), max_length=255)
    label_en = models.CharField(_("question in English"), max_length=255, blank=True)
    label_ar = models.CharField(_("question in Arabic"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("For a choice question: one choice per line."))
    choices_en = models.TextField(
        _("choices in English"),
        blank=True,
        help_text=_("The same choices in the same order, one per line. Empty: the choices above."),
    )
    choices_ar = models.TextField(
        _("choices in Arabic"),
        blank=True,
        help_text=_("The same choices in the same order, one per line. Empty: the choices above."),
    )
    required = models.BooleanField(_("required"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label

    def label_for(self, language_code: str | None = None) -> str:
        return localized(self, "label", language_code)

    @property
    def choice_list(self) -> list[str]:
        """The choices as stored in answers: the site's language's, whatever language the attendee reads."""
        return _lines(self.choices)

    def choice_pairs(self, language_code: str | None = None) -> list[tuple[str, str]]:
        """(stored value, label in that language) for each choice, in order; a language without its choices, or
        whose list does not match, reads the stored ones."""
        values = self.choice_list
        labels = _lines(localized(self, "choices", language_code))
        if len(labels) != len(values):
            labels = values
        return list(zip(values, labels, strict=True))

    def answer_label(self, value: str, language_code: str | None = None) -> str:
        """A stored answer as a reader of that language reads it (the translated choice); other answers as typed."""
        if self.kind == self.Kind.CHOICE:
            return dict(self.choice_pairs(language_code)).get(value, value)
        return value

    def clean(self):
        super().clean()
        count = len(self.choice_list)
        errors = {}
        for field in ("choices_en", "choices_ar"):
            translated = _lines(getattr(self, field))
            if translated and len(translated) != count:
                errors[field] = _(
                    "Give as many choices as in the first list (%(count)s), in the same order: an answer is "
                    "stored as the first list's choice."
                ) % {"count": count}
        if errors:
            raise ValidationError(errors)


class Answer(models.Model):
    wagtail_reference_index_ignore = True
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="answers", verbose_name=_("registration")
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question"))
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question__sort_order", "question_id"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="events_one_answer_per_question"),
        ]

    def __str__(self):
        return self.value

    @property
    def value_for_reader(self) -> str:
        """The answer in the active language (a choice's translation); the stored value stays the same for every
        language, as the admin and the exports show it."""
        return self.question.answer_label(self.value)


class WaitlistEntryQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=WaitlistEntry.Status.WAITING)

    def live_offers(self, now=None):
        """Offers still open: their seat is held for the person until they claim it or the offer runs out."""
        return self.filter(status=WaitlistEntry.Status.OFFERED, offer_expires_at__gt=now or timezone.now())


class WaitlistEntry(models.Model):
    """A person waiting for a seat. First come, first served: entries are offered seats in creation order."""

    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        OFFERED = "offered", _("Seat offered")
        CLAIMED = "claimed", _("Seat taken")
        EXPIRED = "expired", _("Offer expired")
        LEFT = "left", _("Left the waitlist")

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="waitlist_entries", verbose_name=_("event")
    )
    ticket_type = models.ForeignKey(
        TicketType,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="waitlist_entries",
        verbose_name=_("ticket"),
        help_text=_("Empty: any ticket."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_waitlist_entries",
        verbose_name=_("account"),
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("company"),
    )
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=2, default="fr")
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.WAITING)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    token = models.CharField(_("token"), max_length=48, unique=True, default=new_waitlist_token, editable=False)
    registration = models.ForeignKey(
        Registration,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registration"),
    )

    objects = WaitlistEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("waitlist entry")
        verbose_name_plural = _("waitlist entries")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["event", "status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(status__in=["waiting", "offered"]),
                name="events_one_waitlist_entry_per_email",
                violation_error_message=_("This person is already on the waitlist."),
            ),
        ]

    def __str__(self):
        return f"{self.name} · {self.event}"
