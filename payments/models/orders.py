import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.amounts import Totals, vat_of

# Characters a person can read back over the phone or from a bank statement: no 0/O, 1/I/L.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 5


def new_transfer_reference(prefix: str, year: int) -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{prefix}-{year}-{code}"


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card")
    BANK_TRANSFER = "bank_transfer", _("Bank transfer")
    CHEQUE = "cheque", _("Cheque")
    CASH = "cash", _("Cash")


class OrderQuerySet(models.QuerySet):
    def visible_to(self, user, organisation_ids):
        """Orders bought by this user or by one of the organisations they act for."""
        return self.filter(Q(buyer_user=user) | Q(organisation_id__in=list(organisation_ids)))

    def awaiting_transfer(self):
        return self.filter(status=Order.Status.PENDING)


class Order(Totals, models.Model):
    """Something a member or visitor owes the association: dues, a joining fee, event tickets."""

    # Money records point at nothing editors manage: keep Wagtail's reference index out of every save.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting payment")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Payment failed")
        REFUNDED = "refunded", _("Refunded")
        CANCELLED = "cancelled", _("Cancelled")

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("transfer reference"),
        max_length=30,
        unique=True,
        help_text=_("Quoted by the buyer on a bank transfer so the treasurer can match it."),
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("organisation"),
    )
    buyer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
        verbose_name=_("buyer"),
    )
    buyer_email = models.EmailField(_("buyer e-mail"), blank=True)
    billing_name = models.CharField(_("billing name"), max_length=200)
    billing_address = models.TextField(_("billing address"), blank=True)
    billing_ice = models.CharField(_("buyer ICE"), max_length=15, blank=True)
    language = models.CharField(_("language"), max_length=8, default="fr")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    payment_method = models.CharField(_("payment method"), max_length=20, choices=PaymentMethod.choices, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="MAD")
    subtotal = models.BigIntegerField(_("total excl. VAT (centimes)"), default=0)
    vat_total = models.BigIntegerField(_("VAT (centimes)"), default=0)
    total = models.BigIntegerField(_("total incl. VAT (centimes)"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(buyer_user__isnull=False) | ~Q(buyer_email=""),
                name="payments_order_has_buyer",
            ),
        ]

    def __str__(self):
        return f"{self.reference} · {self.billing_name}"

    @property
    def is_payable(self) -> bool:
        return self.status in {self.Status.PENDING, self.Status.FAILED}

    @property
    def year(self) -> int:
        return timezone.localtime(self.created_at).year

    def recompute_totals(self) -> None:
        lines = list(self.lines.all())
        self.subtotal = sum(line.net_amount for line in lines)
        self.vat_total = sum(line.vat_amount for line in lines)
        self.total = self.subtotal + self.vat_total


class OrderLine(models.Model):
    """One thing bought. `kind` picks the fulfilment handler; `subject` points at what is being paid for."""

    # Money records point at nothing editors manage: keep Wagtail's reference index out of every save.
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        DUES = "dues", _("Membership dues")
        JOINING_FEE = "joining_fee", _("Joining fee")
        TICKET = "ticket", _("Event ticket")
        OTHER = "other", _("Other")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines", verbose_name=_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=255)
    quantity = models.PositiveIntegerField(_("quantity"), default=1, validators=[MinValueValidator(1)])
    unit_amount = models.BigIntegerField(_("unit price excl. VAT (centimes)"), validators=[MinValueValidator(0)])
    vat_rate = models.DecimalField(_("VAT rate (%)"), max_digits=5, decimal_places=2, default=Decimal("0"))
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    object_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order", "position", "pk"]

    def __str__(self):
        return f"{self.quantity} × {self.description}"

    @property
    def net_amount(self) -> int:
        return self.quantity * self.unit_amount

    @property
    def vat_amount(self) -> int:
        return vat_of(self.net_amount, self.vat_rate)

    @property
    def gross_amount(self) -> int:
        return self.net_amount + self.vat_amount
