"""Reads about orders and invoices that views and other apps use."""

from django.db.models import Q, QuerySet
from django.http import Http404

from members.models import OrganisationMember, Role
from payments.access import can_view_order, organisation_ids_for
from payments.models import DocumentKind, Invoice, Order, Payment


def order_by_public_id(*, public_id) -> Order | None:
    return Order.objects.select_related("organisation", "buyer_user").filter(public_id=public_id).first()


def order_for_viewer(*, public_id, user) -> Order:
    """The order if this user may see it; 404 otherwise, so strangers learn nothing about it."""
    order = Order.objects.select_related("organisation").filter(public_id=public_id).first()
    if order is None or not can_view_order(user, order):
        raise Http404
    return order


def invoices_for(*, user) -> QuerySet[Invoice]:
    """Invoices and credit notes of the orders this user bought or their organisation bought."""
    orders = Order.objects.visible_to(user, organisation_ids_for(user))
    return Invoice.objects.filter(order__in=orders).select_related("order").order_by("-issued_at", "-pk")


def invoice_for_viewer(*, number: str, user) -> Invoice:
    if "\x00" in number:  # PostgreSQL refuses a NUL byte in a query; no number has one (a mangled link)
        raise Http404
    invoice = invoices_for(user=user).filter(number=number).first()
    if invoice is None:
        raise Http404
    return invoice


def orders_for(*, user) -> QuerySet[Order]:
    return Order.objects.visible_to(user, organisation_ids_for(user)).prefetch_related("lines")


def refundable_amount(order: Order) -> int:
    """What has been paid for this order and not given back yet, in centimes."""
    paid = sum(order.payments.filter(status=Payment.Status.SUCCEEDED).values_list("amount", flat=True))
    return paid - sum(order.refunds.values_list("amount", flat=True))


def invoice_of(order: Order) -> Invoice | None:
    return order.invoices.filter(kind=DocumentKind.INVOICE).first()


def payable_orders_for(*, user, limit: int = 10) -> list[Order]:
    """What the person has to pay: the unpaid orders they bought and, for a company administrator, their
    company's; the oldest first (its hold ends first). Two queries, the lines prefetched."""
    if not user.is_authenticated:
        return []
    administered = OrganisationMember.objects.filter(user=user, role=Role.ADMIN).values("organisation_id")
    return list(
        Order.objects.filter(Q(buyer_user=user) | Q(organisation_id__in=administered))
        .filter(status__in=[Order.Status.PENDING, Order.Status.FAILED], total__gt=0)
        .select_related("organisation")
        .prefetch_related("lines")
        .order_by("created_at", "pk")[:limit]
    )
