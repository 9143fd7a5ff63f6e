"""Buyer pages: the order and its payment, bank transfer instructions, Stripe return pages, invoices."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.views import domain_error_message
from payments import selectors
from payments.access import can_cancel_order
from payments.forms import ChooseMethodForm, TransferReceiptForm
from payments.invoices_pdf import render_invoice_pdf
from payments.models import PaymentMethod, TransferReceipt
from payments.providers import online_providers
from payments.seller import bank_details
from payments.services import PaymentError, order_cancel, transfer_receipt_upload
from payments.stripe_gateway import StripeGatewayError


def _order_context(order, **extra):
    return {"order": order, "lines": order.lines.all(), "invoice": selectors.invoice_of(order), **extra}


def _detail_context(request, order, **extra):
    return _order_context(order, can_cancel=order.is_payable and can_cancel_order(request.user, order), **extra)


@login_required
def order_detail(request, public_id):
    order = selectors.order_for_viewer(public_id=public_id, user=request.user)
    form = ChooseMethodForm(providers=online_providers()) if order.is_payable else None
    return render(request, "payments/order_detail.html", _detail_context(request, order, form=form))


@login_required
@require_POST
def order_pay(request, public_id):
    order = selectors.order_for_viewer(public_id=public_id, user=request.user)
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


@login_required
@require_http_methods(["GET", "POST"])
def bank_transfer(request, public_id):
    order = selectors.order_for_viewer(public_id=public_id, user=request.user)
    form = TransferReceiptForm()
    status = 200
    if request.method == "POST":
        form = TransferReceiptForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                transfer_receipt_upload(order=order, uploaded=form.cleaned_data["receipt"], by=request.user)
            except PaymentError as error:
                domain_error_message(request, error)
            else:
                messages.success(request, _("Thank you: the treasurer will confirm your transfer once it arrives."))
                return redirect("payments:bank_transfer", public_id=order.public_id)
        status = 400
    context = _order_context(
        order,
        form=form if order.is_payable else None,
        bank=bank_details(),
        receipts=order.receipts.all(),
        is_transfer=order.payment_method == PaymentMethod.BANK_TRANSFER,
    )
    return render(request, "payments/bank_transfer.html", context, status=status)


@login_required
def checkout_success(request, public_id):
    order = selectors.order_for_viewer(public_id=public_id, user=request.user)
    # No polling and no call to Stripe here: the signed webhook is the only thing that marks an order paid.
    return render(request, "payments/checkout_success.html", _order_context(order))


@login_required
def checkout_cancel(request, public_id):
    order = selectors.order_for_viewer(public_id=public_id, user=request.user)
    return render(request, "payments/checkout_cancel.html", _order_context(order))


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
