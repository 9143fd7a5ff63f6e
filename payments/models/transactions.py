import uuid
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from payments.amounts import format_amount, to_decimal
from payments.models.orders import Order, PaymentMethod


class Payment(models.Model):
    """Money received (or attempted) for an order, as a provider reported it."""

    # Money records point at nothing editors manage: keep Wagtail's reference index out of every save.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payments", verbose_name=_("order"))
    provider = models.CharField(_("provider"), max_length=30)
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    provider_reference = models.CharField(_("provider reference"), max_length=255, blank=True)
    amount = models.BigIntegerField(_("amount (centimes)"))
    currency = models.CharField(_("currency"), max_length=3, default="MAD")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    raw = models.JSONField(_("provider data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=Q(status="succeeded") & ~Q(provider_reference=""),
                name="payments_payment_unique_provider_reference",
            ),
        ]

    def __str__(self):
        return f"{self.order.reference} · {self.get_method_display()} · {self.get_status_display()}"

    @property
    def amount_display(self) -> str:
        return format_amount(self.amount, self.currency)

    @property
    def amount_mad(self) -> Decimal:
        return to_decimal(self.amount)


class Refund(models.Model):
    """Money given back; each refund issues a credit note."""

    # Money records point at nothing editors manage: keep Wagtail's reference index out of every save.
    wagtail_reference_index_ignore = True

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("order"))
    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="refunds", verbose_name=_("payment")
    )
    provider_reference = models.CharField(_("provider reference"), max_length=255, blank=True)
    amount = models.BigIntegerField(_("amount (centimes)"))
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    raw = models.JSONField(_("provider data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("refund")
        verbose_name_plural = _("refunds")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider_reference"],
                condition=~Q(provider_reference=""),
                name="payments_refund_unique_provider_reference",
            ),
        ]

    def __str__(self):
        return f"{self.order.reference} · {self.amount}"


class WebhookEvent(models.Model):
    """A provider event, stored once by its id so a replay is recognised and ignored."""

    # Money records point at nothing editors manage: keep Wagtail's reference index out of every save.
    wagtail_reference_index_ignore = True

    provider = models.CharField(_("provider"), max_length=30, default="stripe")
    event_id = models.CharField(_("event id"), max_length=255)
    type = models.CharField(_("type"), max_length=100)
    payload = models.JSONField(_("payload"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="payments_webhookevent_unique_event")
        ]

    def __str__(self):
        return f"{self.type} {self.event_id}"


def receipt_upload_to(instance, filename: str) -> str:
    # A random name: receipts are private and must not be guessable from the order reference.
    return f"payments/receipts/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class TransferReceipt(models.Model):
    """A bank-transfer receipt the buyer uploaded for the treasurer to check."""

    # Money records point at nothing editors manage: keep Wagtail's reference index out of every save.
    wagtail_reference_index_ignore = True

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="receipts", verbose_name=_("order"))
    file = models.FileField(_("file"), upload_to=receipt_upload_to)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=50)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("transfer receipt")
        verbose_name_plural = _("transfer receipts")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.order.reference} · {self.original_name}"
