"""How views show a DomainError: on the form that was sent, or as a message on the next page."""

from django.contrib import messages

from core.errors import DomainError


def domain_error_to_form(form, error: DomainError, field: str | None = None) -> int:
    """Put the error's message on `form` (on `field`, else as a form-wide error); returns its status code."""
    form.add_error(field, error.message)
    return error.status_code


def domain_error_message(request, error: DomainError) -> int:
    """Show the error's message on the next page (django.contrib.messages); returns its status code."""
    messages.error(request, error.message)
    return error.status_code
