from django.db import models
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from payments.amounts import Totals
from payments.models.orders import Order


class DocumentKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


class InvoiceCounter(models.Model):
    """The last number used per (year, kind). Locked while a number is taken, so numbers never skip or repeat."""

    # Money records point at nothing editors manage: keep Wagtail's reference index out of every save.
    wagtail_reference_index_ignore = True

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice counter")
        verbose_name_plural = _("invoice counters")
        constraints = [models.UniqueConstraint(fields=["year", "kind"], name="payments_invoicecounter_unique")]

    def __str__(self):
        return f"{self.year} {self.kind}: {self.last_number}"


class IssuedDocumentError(DomainError):
    status_code = 409


class Invoice(Totals, models.Model):
    """An invoice or credit note. Everything it shows is copied in when issued, and it is never edited after."""

    # Money records point at nothing editors manage: keep Wagtail's reference index out of every save.
    wagtail_reference_index_ignore = True

    PREFIXES = {DocumentKind.INVOICE: "F", DocumentKind.CREDIT_NOTE: "AV"}

    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.INVOICE)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("number"), max_length=30, unique=True)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("order"))
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_notes",
        verbose_name=_("corrects invoice"),
    )
    refund = models.OneToOneField(
        "payments.Refund",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_note",
        verbose_name=_("refund"),
    )
    issued_at = models.DateTimeField(_("issued"))
    language = models.CharField(_("language"), max_length=8, default="fr")
    seller = models.JSONField(_("seller"))
    buyer = models.JSONField(_("buyer"))
    lines = models.JSONField(_("lines"))
    currency = models.CharField(_("currency"), max_length=3, default="MAD")
    subtotal = models.BigIntegerField(_("total excl. VAT (centimes)"))
    vat_total = models.BigIntegerField(_("VAT (centimes)"))
    total = models.BigIntegerField(_("total incl. VAT (centimes)"))
    vat_mention = models.CharField(_("VAT mention"), max_length=255, blank=True)
    payment_method = models.CharField(_("payment method"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_at", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "sequence"], name="payments_invoice_unique_sequence")
        ]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise IssuedDocumentError("An issued invoice or credit note cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise IssuedDocumentError("An issued invoice or credit note cannot be deleted.")

    @property
    def buyer_name(self) -> str:
        return self.buyer.get("name", "")

    @property
    def buyer_ice(self) -> str:
        return self.buyer.get("ice", "")

    @property
    def is_credit_note(self) -> bool:
        return self.kind == DocumentKind.CREDIT_NOTE

    @classmethod
    def format_number(cls, kind: str, year: int, sequence: int) -> str:
        return f"{cls.PREFIXES[kind]}-{year}-{sequence:05d}"
