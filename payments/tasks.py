"""Background work: the payment confirmation e-mail with its invoice attached."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from payments.invoices_pdf import render_invoice_pdf
from payments.models import Invoice


@task()
def send_payment_confirmation(*, invoice_id: int) -> None:
    """E-mail the buyer that the order is paid, with the invoice PDF, in the buyer's language."""
    invoice = Invoice.objects.select_related("order").get(pk=invoice_id)
    order = invoice.order
    if not order.buyer_email:
        return
    with translation.override(order.language):
        context = {
            "order": order,
            "invoice": invoice,
            "order_url": settings.SITE_URL + reverse("payments:order_detail", kwargs={"public_id": order.public_id}),
            "invoices_url": settings.SITE_URL + reverse("payments:invoices"),
        }
        subject = render_to_string("emails/payments/payment_confirmation_subject.txt", context).strip()
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("emails/payments/payment_confirmation.txt", context),
            to=[order.buyer_email],
        )
        message.attach_alternative(render_to_string("emails/payments/payment_confirmation.html", context), "text/html")
        message.attach(f"{invoice.number}.pdf", render_invoice_pdf(invoice), "application/pdf")
        message.send()
