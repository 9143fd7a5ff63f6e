from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import localized
from core.money import to_decimal

from .organisations import Organisation


class Audience(models.TextChoices):
    STARTUP = "startup", _("Startup")
    TPE = "tpe", _("Very small company (TPE)")
    PME = "pme", _("Small or medium company (PME)")
    LARGE = "large", _("Large company")
    CLUSTER = "cluster", _("Cluster")
    EXPERT = "expert", _("Individual expert")


class MembershipPlanQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class MembershipPlan(models.Model):
    """A kind of membership the association offers, with its yearly dues and joining fee (kept in centimes of MAD,
    typed and shown in MAD in the admin: core.forms.MoneyField)."""

    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=120, blank=True)
    audience = models.CharField(_("for"), max_length=20, choices=Audience.choices)
    annual_fee = models.PositiveBigIntegerField(_("annual dues (MAD)"), help_text=_("For a full year, e.g. 5 000,00."))
    joining_fee = models.PositiveBigIntegerField(
        _("joining fee (MAD)"), default=0, help_text=_("Paid once, with the first dues. 0 for none.")
    )
    requires_approval = models.BooleanField(
        _("requires approval"), default=True, help_text=_("The secretariat reviews new members before they pay.")
    )
    benefits = models.TextField(_("benefits"), blank=True)
    benefits_en = models.TextField(_("benefits in English"), blank=True)
    benefits_ar = models.TextField(_("benefits in Arabic"), blank=True)
    is_active = models.BooleanField(_("offered"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("display order"), default=0)

    objects = MembershipPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership plan")
        verbose_name_plural = _("membership plans")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def name_for(self, language_code: str | None = None) -> str:
        return localized(self, "name", language_code)

    def benefits_for(self, language_code: str | None = None) -> str:
        return localized(self, "benefits", language_code)

    def benefit_lines(self, language_code: str | None = None) -> list[str]:
        """The benefits in that language (French if not written), one per line as the admin types them."""
        return [line.strip() for line in self.benefits_for(language_code).splitlines() if line.strip()]

    @property
    def annual_fee_mad(self) -> Decimal:
        return to_decimal(self.annual_fee)

    @property
    def joining_fee_mad(self) -> Decimal:
        return to_decimal(self.joining_fee)


class MembershipQuerySet(models.QuerySet):
    def current(self):
        """Memberships that make their company a member today: paid, or unpaid but still in grace."""
        return self.filter(status__in=[Membership.Status.ACTIVE, Membership.Status.GRACE])


class Membership(models.Model):
    """One period of a company's membership under a plan. A renewal is a new row for the next period."""

    class Status(models.TextChoices):
        PENDING_APPLICATION = "pending_application", _("Application pending")
        AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
        ACTIVE = "active", _("Active")
        GRACE = "grace", _("In grace period")
        LAPSED = "lapsed", _("Lapsed")
        # A period that is over and was followed by a paid renewal.
        ENDED = "ended", _("Ended (renewed)")
        CANCELLED = "cancelled", _("Cancelled")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisation")
    )
    plan = models.ForeignKey(
        MembershipPlan, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("plan")
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.AWAITING_PAYMENT)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    order = models.ForeignKey(
        "payments.Order",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        verbose_name=_("order"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-period_start", "-pk"]
        indexes = [models.Index(fields=["status", "period_end"]), models.Index(fields=["organisation", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="members_membership_period_in_order",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.plan} · {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    @property
    def order_reference(self) -> str:
        return self.order.reference if self.order_id else ""

    @property
    def order_total(self) -> int | None:
        return self.order.total if self.order_id else None

    @property
    def order_total_mad(self) -> Decimal | None:
        return to_decimal(self.order.total) if self.order_id else None


class MembershipReminder(models.Model):
    """A renewal reminder sent about a period, kept so that each one goes out once only."""

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("membership")
    )
    days_before_end = models.SmallIntegerField(
        _("days before the end"), help_text=_("Negative: sent during the grace period.")
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("renewal reminder")
        verbose_name_plural = _("renewal reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "days_before_end"], name="members_reminder_once"),
        ]

    def __str__(self):
        return f"{self.membership} · {self.days_before_end:+d}"
