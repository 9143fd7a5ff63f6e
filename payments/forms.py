from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MoneyField
from payments.amounts import format_amount
from payments.models import PaymentMethod
from payments.services import ReceiptRejected
from payments.services.receipts import EXTENSIONS, MAX_RECEIPT_BYTES, sniff_receipt


class ChooseMethodForm(forms.Form):
    method = forms.ChoiceField(label=_("How would you like to pay?"), widget=forms.RadioSelect)

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.providers = {provider.method: provider for provider in providers}
        self.fields["method"].choices = [(provider.method, provider.label) for provider in providers]
        if len(providers) == 1:
            self.fields["method"].initial = providers[0].method

    def provider(self):
        return self.providers[self.cleaned_data["method"]]


class TransferReceiptForm(forms.Form):
    receipt = forms.FileField(
        label=_("Transfer receipt"),
        help_text=_("PDF, JPG or PNG, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_receipt(self):
        receipt = self.cleaned_data["receipt"]
        if receipt.size > MAX_RECEIPT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            sniff_receipt(receipt)
        except ReceiptRejected:
            raise forms.ValidationError(_("This file is not a real PDF, JPG or PNG document.")) from None
        return receipt


class ManualPaymentForm(forms.Form):
    """The treasurer records a cheque, cash, or a transfer seen on the bank account."""

    method = forms.ChoiceField(
        label=_("Method"),
        choices=[
            (PaymentMethod.BANK_TRANSFER, PaymentMethod.BANK_TRANSFER.label),
            (PaymentMethod.CHEQUE, PaymentMethod.CHEQUE.label),
            (PaymentMethod.CASH, PaymentMethod.CASH.label),
        ],
    )
    # A date input takes and shows ISO dates only (the browser displays them the local way): with the French
    # format "02/12/2026" the field stays empty and the first "Record the payment" fails.
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    reference = forms.CharField(label=_("Cheque number or bank reference"), max_length=100, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class RefundForm(forms.Form):
    """The treasurer gives money back for a cheque, cash or transfer payment (card refunds start in Stripe)."""

    amount = MoneyField(label=_("Amount to refund (MAD)"), min_minor=1)
    reason = forms.CharField(label=_("Reason"), max_length=255)

    def __init__(self, *args, refundable: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.refundable = refundable
        self.fields["amount"].initial = refundable

    def clean_amount(self) -> int:
        amount = self.cleaned_data["amount"]
        if amount > self.refundable:
            raise forms.ValidationError(
                _("At most %(amount)s can be refunded.") % {"amount": format_amount(self.refundable)}
            )
        return amount


class BankStatementForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement (CSV)"),
        help_text=_('Columns: date; label; amount. French number formats such as "1 500,00" are understood.'),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_statement(self):
        statement = self.cleaned_data["statement"]
        if statement.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return statement
