"""Buyer pages: the order and its payment, bank transfer instructions, Stripe return pages, invoices.

The order's own pages (pay, transfer details and receipt, pro-forma, the card return pages) also open to a guest
whose browser session made the order or opened its signed link (payments.links); the invoice list, invoices,
receipts and cancelling stay behind a log-in.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import domain_error_message
from payments import fulfilment, selectors
from payments.access import can_cancel_order, remember_guest_order, session_may_pay
from payments.forms import ChooseMethodForm, TransferReceiptForm
from payments.invoices_pdf import render_invoice_pdf, render_proforma_pdf
from payments.links import OrderLinkError, OrderLinkInvalid, order_from_link
from payments.models import PaymentMethod, TransferReceipt
from payments.providers import online_providers
from payments.seller import bank_details
from payments.services import PaymentError, order_cancel, transfer_receipt_upload
from payments.stripe_gateway import StripeGatewayError


def buyer_order(view):
    """Pass the order to the view when the viewer may pay it: its buyer or company (logged in), or the browser
    session that made it or opened its link. Anyone else logged in gets a 404; a visitor, the log-in page."""

    @wraps(view)
    def wrapped(request, public_id, *args, **kwargs):
        order = selectors.order_by_public_id(public_id=public_id)
        if order is not None and session_may_pay(request, order):
            return view(request, order, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, selectors.order_for_viewer(public_id=public_id, user=request.user), *args, **kwargs)

    return wrapped


def _order_context(request, order, **extra):
    due = fulfilment.payable_until(order) if order.is_payable else None
    return {
        "order": order,
        "lines": order.lines.all(),
        "invoice": selectors.invoice_of(order),
        "payable_until": timezone.localtime(due) if due else None,
        "is_guest": not request.user.is_authenticated,
        **extra,
    }


def _account_offer(request, order) -> str:
    """For a guest: where to make the account that would keep this order (never needed to pay it). A guest who
    registered for an event already has one without a password: choosing a password (by e-mail) opens it."""
    if request.user.is_authenticated:
        return ""
    if order.buyer_user_id is None:
        return reverse("account_signup") + "?" + urlencode({"email": order.buyer_email})
    return reverse("account_reset_password")


def _detail_context(request, order, **extra):
    return _order_context(
        request,
        order,
        can_cancel=order.is_payable and can_cancel_order(request.user, order),
        account_url=_account_offer(request, order),
        **extra,
    )


@require_GET
def order_link(request, token):
    """The signed link of an e-mail: this browser session may then pay that order (and only that one)."""
    try:
        order = order_from_link(token)
    except OrderLinkError as error:
        expired = not isinstance(error, OrderLinkInvalid)
        context = {"message": error.message, "expired": expired}
        return render(request, "payments/order_link_invalid.html", context, status=error.status_code)
    remember_guest_order(request, order)
    return redirect("payments:order_detail", public_id=order.public_id)


@buyer_order
@require_GET
def order_detail(request, order):
    form = ChooseMethodForm(providers=online_providers()) if order.is_payable else None
    return render(request, "payments/order_detail.html", _detail_context(request, order, form=form))


@buyer_order
@require_POST
def order_pay(request, order):
    form = ChooseMethodForm(request.POST, providers=online_providers())
    if not order.is_payable:
        messages.info(request, _("This order can no longer be paid."))
        return redirect("payments:order_detail", public_id=order.public_id)
    if not form.is_valid():
        return render(request, "payments/order_detail.html", _detail_context(request, order, form=form), status=400)
    try:
        result = form.provider().start(order=order, request=request)
    except StripeGatewayError:
        messages.error(
            request, _("Card payment is not available right now. Please try again later or pay by transfer.")
        )
        return redirect("payments:order_detail", public_id=order.public_id)
    except PaymentError as error:
        domain_error_message(request, error)
        return redirect("payments:order_detail", public_id=order.public_id)
    return redirect(result.redirect_url)


@login_required
@require_POST
def order_cancel_view(request, public_id):
    """The buyer, or an administrator of the buying company, withdraws an unpaid order (e.g. to choose another
    plan, or because the event is off for them); what the order was for follows (payments.fulfilment)."""
    order = selectors.order_for_viewer(public_id=public_id, user=request.user)
    if not can_cancel_order(request.user, order):
        raise Http404
    try:
        order_cancel(order=order, by=request.user)
    except PaymentError as error:
        domain_error_message(request, error)
    else:
        messages.success(request, _("The order is cancelled."))
    return redirect("payments:order_detail", public_id=order.public_id)


@buyer_order
@require_http_methods(["GET", "POST"])
def bank_transfer(request, order):
    form = TransferReceiptForm()
    status = 200
    if request.method == "POST":
        form = TransferReceiptForm(request.POST, request.FILES)
        if form.is_valid():
            by = request.user if request.user.is_authenticated else None
            try:
                transfer_receipt_upload(order=order, uploaded=form.cleaned_data["receipt"], by=by)
            except PaymentError as error:
                domain_error_message(request, error)
            else:
                messages.success(request, _("Thank you: the treasurer will confirm your transfer once it arrives."))
                return redirect("payments:bank_transfer", public_id=order.public_id)
        status = 400
    context = _order_context(
        request,
        order,
        form=form if order.is_payable else None,
        bank=bank_details(),
        receipts=order.receipts.all(),
        is_transfer=order.payment_method == PaymentMethod.BANK_TRANSFER,
        account_url=_account_offer(request, order),
    )
    return render(request, "payments/bank_transfer.html", context, status=status)


@buyer_order
@require_GET
def proforma_download(request, order):
    """A pro-forma invoice of an unpaid order (companies need one to order a transfer), in the page's language."""
    if not order.is_payable:
        messages.info(request, _("This order is no longer awaiting payment: there is no pro-forma invoice for it."))
        return redirect("payments:order_detail", public_id=order.public_id)
    pdf = render_proforma_pdf(
        order,
        language=(get_language() or "fr")[:2],
        valid_until=fulfilment.payable_until(order),
        bank=bank_details(),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="pro-forma-{order.reference}.pdf"'
    return response


@buyer_order
@require_GET
def checkout_success(request, order):
    # No polling and no call to Stripe here: the signed webhook is the only thing that marks an order paid.
    return render(request, "payments/checkout_success.html", _order_context(request, order))


@buyer_order
@require_GET
def checkout_cancel(request, order):
    return render(request, "payments/checkout_cancel.html", _order_context(request, order))


@login_required
def invoice_list(request):
    paginator = Paginator(selectors.invoices_for(user=request.user), 25)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "payments/invoice_list.html",
        {"page_obj": page_obj, "page_range": paginator.get_elided_page_range(page_obj.number)},
    )


@login_required
def invoice_download(request, number):
    invoice = selectors.invoice_for_viewer(number=number, user=request.user)
    response = HttpResponse(render_invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
    return response


@login_required
def receipt_file(request, pk):
    receipt = TransferReceipt.objects.select_related("order").filter(pk=pk).first()
    if receipt is None:
        raise Http404
    if not request.user.has_perm("payments.view_order"):
        selectors.order_for_viewer(public_id=receipt.order.public_id, user=request.user)
    return FileResponse(receipt.file.open("rb"), content_type=receipt.content_type, filename=receipt.original_name)
