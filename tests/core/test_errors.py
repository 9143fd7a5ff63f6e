import pytest
from django import forms
from django.utils import translation

from core.errors import DomainError
from core.views import domain_error_to_form
from events.services.errors import AlreadyRegistered, RegistrationError
from payments.services.errors import OrderNotPayable, PaymentError
from payments.stripe_gateway import StripeGatewayError


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


class _Form(forms.Form):
    statement = forms.CharField(required=False)


def test_domain_error_carries_message_and_status():
    error = DomainError("Nope.")
    assert str(error) == "Nope."
    assert error.message == "Nope."
    assert error.status_code == 400


def test_domain_error_without_message_uses_the_class_default():
    assert str(DomainError()) == "This action is not possible."


def test_app_errors_are_domain_errors_with_their_own_messages():
    assert issubclass(RegistrationError, DomainError)
    assert issubclass(PaymentError, DomainError)
    assert issubclass(StripeGatewayError, DomainError)
    assert str(AlreadyRegistered()) == "This person is already registered for this event."
    assert AlreadyRegistered().status_code == 409
    assert str(OrderNotPayable()) == "This order can no longer be paid."
    assert str(PaymentError("Typed.")) == "Typed."
    assert str(StripeGatewayError("card_declined")) == "card_declined"


def test_domain_error_to_form_adds_the_message_and_returns_the_status():
    form = _Form(data={})
    assert form.is_valid()
    assert domain_error_to_form(form, AlreadyRegistered()) == 409
    assert form.non_field_errors() == ["This person is already registered for this event."]
    domain_error_to_form(form, PaymentError("Bad file."), "statement")
    assert form.errors["statement"] == ["Bad file."]
