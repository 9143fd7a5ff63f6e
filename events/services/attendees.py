"""Who an attendee is: their account, their company, and whether that company is a current member."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from events.models import Question
from events.services.errors import InvalidAnswers, InvalidAttendee
from members.models import Membership, Organisation

YES, NO = "yes", "no"


def is_current_member(organisation: Organisation | None) -> bool:
    """A company whose membership is current (paid, or unpaid but still in grace)."""
    if organisation is None:
        return False
    return Membership.objects.current().filter(organisation=organisation).exists()


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise InvalidAttendee() from error
    return email


def attendee_account(*, email: str, name: str, language: str):
    """The account with this e-mail address, or a new one without a usable password.

    A guest never gets logged in by registering (anyone can type any address): they reach their account by
    setting a password through the password reset e-mail, which proves the address is theirs.
    """
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    first_name, _space, last_name = name.strip().partition(" ")
    return User.objects.create_user(
        email=email,
        password=None,
        first_name=first_name[:150],
        last_name=last_name[:150],
        preferred_language=language or "fr",
    )


def answers_clean(*, questions: list[Question], answers: dict) -> dict[int, str]:
    """Check answers to the event's questions (keyed by question id); return the values to store.

    Raises InvalidAnswers naming each missing required answer and each choice that is not offered.
    """
    answers = {int(key): ("" if value is None else str(value)).strip() for key, value in (answers or {}).items()}
    cleaned, errors = {}, {}
    for question in questions:
        value = answers.get(question.pk, "")
        if question.kind == Question.Kind.YES_NO and value in {"True", "False"}:
            value = YES if value == "True" else NO
        if not value:
            if question.required:
                errors[question.pk] = _("This question needs an answer.")
            continue
        if question.kind == Question.Kind.CHOICE and value not in question.choice_list:
            errors[question.pk] = _("Choose one of the answers offered.")
        elif question.kind == Question.Kind.YES_NO and value not in {YES, NO}:
            errors[question.pk] = _("Answer yes or no.")
        else:
            cleaned[question.pk] = value[:4000]
    if errors:
        raise InvalidAnswers(errors)
    return cleaned
