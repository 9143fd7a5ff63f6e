"""The secretariat's "Payments" menu in the Wagtail admin: orders, payments, invoices, bank reconciliation.

Nothing here edits money records directly: recording a cheque, cash or a transfer, and applying a bank
statement, go through payments.services, like the webhooks do.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.columns import LocalDateColumn, MoneyInspectMixin
from core.exports import ExportIndexView, SpreadsheetExportMixin
from core.money import format_money
from core.staged_import import StagedImportViewSet
from core.time import within, year_bounds
from core.views import domain_error_to_form
from payments.forms import BankStatementForm, ManualPaymentForm, RefundForm
from payments.invoices_pdf import render_invoice_pdf
from payments.models import BankStatementImport, DocumentKind, Invoice, Order, Payment, PaymentMethod
from payments.selectors import refundable_amount
from payments.services import (
    PaymentError,
    bank_statement_apply,
    bank_statement_preview,
    order_mark_paid,
    order_refund,
)
from payments.services.statements import REASONS


class RecordsPermissionPolicy(ModelPermissionPolicy):
    """Money records are created by services only: the admin may read them and, for orders, record a payment."""

    editable = False

    def user_has_permission(self, user, action):
        if action in {"add", "delete"} or (action == "change" and not self.editable):
            return False
        if action == "view":
            return super().user_has_permission(user, "view") or super().user_has_permission(user, "change")
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class OrderPermissionPolicy(RecordsPermissionPolicy):
    editable = True  # "change" here means: confirm a transfer or record a cheque or cash


def _year_choices():
    current = timezone.localdate().year
    return [(year, str(year)) for year in range(current, current - 6, -1)]


class OrderFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Order.Status.choices)
    payment_method = django_filters.ChoiceFilter(label=_("Payment method"), choices=PaymentMethod.choices)
    year = django_filters.TypedChoiceFilter(label=_("Year"), choices=_year_choices, coerce=int, method="filter_year")

    class Meta:
        model = Order
        fields = ["status", "payment_method"]

    def filter_year(self, queryset, name, value):
        # Bounds of the local year computed in Python: the database's own zone data may be stale.
        return queryset.filter(**within("created_at", year_bounds(value))) if value else queryset


class OrderIndexView(SpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation")


class OrderPaymentView(generic.EditView):
    """The order at a glance, with its receipts, and the form to record money received outside Stripe."""

    template_name = "payments/admin/order_payment.html"

    def get_form_class(self):
        return ManualPaymentForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        kwargs.pop("for_user", None)
        kwargs.setdefault("initial", {})["received_on"] = timezone.localdate()
        if self.object.payment_method:
            kwargs["initial"]["method"] = self.object.payment_method
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            order=self.object,
            lines=self.object.lines.all(),
            receipts=self.object.receipts.all(),
            payments=self.object.payments.all(),
            documents=self.object.invoices.all(),
            refundable=refundable_amount(self.object),
        )
        return context

    def form_valid(self, form):
        self.form = form
        method = form.cleaned_data["method"]
        try:
            payment = order_mark_paid(
                order=self.object,
                provider="bank_transfer" if method == PaymentMethod.BANK_TRANSFER else "manual",
                method=method,
                amount=self.object.total,
                provider_reference=form.cleaned_data["reference"],
                received_on=form.cleaned_data["received_on"],
                note=form.cleaned_data["note"],
                by=self.request.user,
            )
        except PaymentError as error:
            domain_error_to_form(form, error)
            return self.form_invalid(form)
        if payment is None:
            form.add_error(None, _("This order is already paid or refunded."))
            return self.form_invalid(form)
        messages.success(self.request, _("Payment recorded: %(reference)s is paid.") % {"reference": self.object})
        return redirect(self.get_success_url())


TOTALS = {"subtotal": _("Total excl. VAT"), "vat_total": _("VAT"), "total": _("Total incl. VAT")}


class OrderInspectView(MoneyInspectMixin, generic.InspectView):
    money_fields = TOTALS


class PaymentInspectView(MoneyInspectMixin, generic.InspectView):
    money_fields = {"amount": _("Amount")}


class InvoiceInspectView(MoneyInspectMixin, generic.InspectView):
    money_fields = TOTALS

    def get_lines_display_value(self):
        """The lines as the document prints them, amounts in MAD rather than the stored centimes."""
        return "; ".join(
            f"{line['description']} × {line['quantity']} : {format_money(line['gross'], self.object.currency)}"
            for line in self.object.lines
        )


class OrderViewSet(ModelViewSet):
    model = Order
    icon = "form"
    menu_label = _("Orders")
    index_view_class = OrderIndexView
    inspect_view_class = OrderInspectView
    edit_view_class = OrderPaymentView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "reference",
        "billing_name",
        "status",
        "payment_method",
        Column("total_display", label=_("Total")),
        LocalDateColumn("created_at", _("Created")),
    ]
    filterset_class = OrderFilterSet
    search_fields = ["reference", "billing_name", "buyer_email", "billing_ice"]
    search_backend_name = None
    list_export = [
        "reference",
        "created_at",
        "status",
        "payment_method",
        "billing_name",
        "billing_ice",
        "buyer_email",
        "subtotal_mad",
        "vat_mad",
        "total_mad",
        "paid_at",
    ]
    export_headings = {
        "subtotal_mad": _("Total excl. VAT (MAD)"),
        "vat_mad": _("VAT (MAD)"),
        "total_mad": _("Total incl. VAT (MAD)"),
    }
    export_filename = "orders"
    form_fields = ["status"]  # never rendered: the edit view is OrderPaymentView with its own form
    ordering = ["-created_at"]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("refund/<int:pk>/", self.refund_view, name="refund")]

    def refund_view(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        order = get_object_or_404(Order, pk=pk)
        refundable = refundable_amount(order)
        if order.payment_method == PaymentMethod.CARD:
            messages.error(request, _("Card payments are refunded from the Stripe dashboard; the credit note follows."))
            return redirect(self.get_url_name("edit"), pk=order.pk)
        form = RefundForm(request.POST or None, refundable=refundable)
        if request.method == "POST" and form.is_valid():
            try:
                order_refund(
                    order=order, amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"], by=request.user
                )
            except PaymentError as error:
                domain_error_to_form(form, error)
            else:
                messages.success(request, _("Refund recorded and credit note issued."))
                return redirect(self.get_url_name("edit"), pk=order.pk)
        context = {
            "page_title": _("Refund %(reference)s") % {"reference": order.reference},
            "header_icon": "undo",
            "order": order,
            "form": form,
            "refundable": refundable,
        }
        return TemplateResponse(
            request, "payments/admin/order_refund.html", context, status=400 if form.errors else 200
        )


class PaymentViewSet(ModelViewSet):
    model = Payment
    icon = "tick-inverse"
    menu_label = _("Payments")
    index_view_class = ExportIndexView
    inspect_view_class = PaymentInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        Column("order", label=_("Order")),
        "method",
        "provider",
        "status",
        Column("amount_display", label=_("Amount")),
        LocalDateColumn("received_on", _("Received on")),
    ]
    list_filter = ["status", "method", "provider"]
    search_fields = ["order__reference", "provider_reference"]
    search_backend_name = None
    list_export = ["order", "method", "provider", "provider_reference", "status", "amount_mad", "received_on"]
    export_headings = {"amount_mad": _("Amount (MAD)")}
    export_filename = "payments"
    form_fields = ["note"]  # read-only: the policy refuses changes
    ordering = ["-created_at"]


class InvoiceFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=DocumentKind.choices)
    year = django_filters.TypedChoiceFilter(label=_("Year"), choices=_year_choices, coerce=int)

    class Meta:
        model = Invoice
        fields = ["kind", "year"]


class InvoiceViewSet(ModelViewSet):
    model = Invoice
    icon = "doc-full"
    menu_label = _("Invoices")
    index_view_class = ExportIndexView
    inspect_view_class = InvoiceInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "number",
        "kind",
        Column("buyer_name", label=_("Buyer")),
        Column("total_display", label=_("Total")),
        LocalDateColumn("issued_at", _("Issued")),
    ]
    filterset_class = InvoiceFilterSet
    search_fields = ["number", "order__reference", "order__billing_name"]
    search_backend_name = None
    list_export = ["number", "kind", "issued_at", "buyer_name", "buyer_ice", "subtotal_mad", "vat_mad", "total_mad"]
    export_headings = {
        "buyer_name": _("Buyer"),
        "buyer_ice": _("Buyer ICE"),
        "subtotal_mad": _("Total excl. VAT (MAD)"),
        "vat_mad": _("VAT (MAD)"),
        "total_mad": _("Total incl. VAT (MAD)"),
    }
    export_filename = "invoices"
    form_fields = ["number"]  # read-only: the policy refuses changes
    ordering = ["-issued_at"]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("pdf/<int:pk>/", self.pdf_view, name="pdf")]

    def pdf_view(self, request, pk):
        if not self.permission_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        invoice = get_object_or_404(Invoice, pk=pk)
        response = HttpResponse(render_invoice_pdf(invoice), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{invoice.number}.pdf"'
        return response


class ReconciliationViewSet(StagedImportViewSet):
    """Bank statement import: upload a CSV, look at the dry run, then apply the matched lines."""

    name = "payments_reconciliation"
    icon = "table"
    menu_label = _("Bank reconciliation")
    model = BankStatementImport
    permission = "payments.change_order"
    form_class = BankStatementForm
    file_field = "statement"
    upload_template = "payments/admin/reconciliation_upload.html"
    preview_template = "payments/admin/reconciliation_preview.html"
    object_name = "statement"

    def stage(self, *, filename, content, by):
        return bank_statement_preview(filename=filename, content=content, by=by)

    def apply(self, staged, *, by):
        paid = bank_statement_apply(statement=staged, by=by)
        return ngettext("%(count)d order marked as paid.", "%(count)d orders marked as paid.", paid) % {"count": paid}

    def upload_context(self):
        return {"reasons": REASONS}

    def preview_context(self, statement):
        return {
            "reasons": REASONS,
            "groups": [
                ("matched", _("Matched"), statement.rows_with("matched")),
                ("ambiguous", _("Ambiguous: check by hand"), statement.rows_with("ambiguous")),
                ("unmatched", _("Unmatched"), statement.rows_with("unmatched")),
            ],
        }


class PaymentsViewSetGroup(ViewSetGroup):
    menu_label = _("Payments")
    menu_icon = "tick-inverse"
    menu_order = 250
    items = (
        OrderViewSet("payments_orders"),
        PaymentViewSet("payments_payments"),
        InvoiceViewSet("payments_invoices"),
        ReconciliationViewSet(),
    )
