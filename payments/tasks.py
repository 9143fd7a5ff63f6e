"""Background work: the payment confirmation e-mail with its invoice attached."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from core.mail import Attachment, send_templated
from members.models import Role
from members.recipients import recipients_for
from payments.invoices_pdf import render_invoice_pdf
from payments.links import order_link_url
from payments.models import Invoice


@task()
def send_payment_confirmation(*, invoice_id: int) -> None:
    """E-mail the buyer that the order is paid, with the invoice PDF, in the buyer's language."""
    invoice = Invoice.objects.select_related("order__organisation").get(pk=invoice_id)
    order = invoice.order
    to = [order.buyer_email] if order.buyer_email else []
    if not to and order.organisation is not None:
        # A company's order made out to no address (no contact address when it was created): its administrators.
        to = recipients_for(order.organisation, role=Role.ADMIN).addresses
    if not to:
        return
    with translation.override(order.language):  # the invoice is in the buyer's language too
        invoice_pdf = render_invoice_pdf(invoice)
    send_templated(
        "emails/payments/payment_confirmation",
        to=to,
        language=order.language,
        subject=_("Payment received for order %(reference)s"),
        subject_params={"reference": order.reference},
        context=lambda: {
            "order": order,
            "invoice": invoice,
            "order_url": _order_url(order),
            "invoices_url": settings.SITE_URL + reverse("payments:invoices"),
        },
        attachments=[Attachment(f"{invoice.number}.pdf", invoice_pdf, "application/pdf")],
    )


def _order_url(order) -> str:
    """The order's page; for a buyer who has no password (a guest), its signed link, since they cannot log in."""
    buyer = order.buyer_user
    if buyer is None or not buyer.has_usable_password():
        return order_link_url(order=order, payable_until=None)
    return settings.SITE_URL + reverse("payments:order_detail", kwargs={"public_id": order.public_id})
