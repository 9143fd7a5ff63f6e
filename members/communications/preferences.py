"""Which announcements a person accepts: their e-mail preferences, signed unsubscribe links, the suppression list.

Preferences belong to an account; a guest without one (an event attendee) who unsubscribes gets a row keyed by
their address. An unsubscribe link names one address, the account if there is one, and the topic; it is signed
with django.core.signing, never expires, and needs no login. Unsubscribing from general announcements puts the
address on the suppression list: the only way to stop them, since members cannot opt out of them one by one.
"""

import re
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.errors import DomainError
from core.site_url import absolute_url
from members.models import EmailPreferences, SuppressedAddress, Topic, User
from members.models.communications import OPT_OUT_TOPICS, normalise_email

SALT = "members.unsubscribe"
MAX_PASTED_ADDRESSES = 5000


class InvalidLink(DomainError):
    message = _(
        "This unsubscribe link is not valid. Copy the whole link from the e-mail, or log in to change your "
        "e-mail preferences."
    )
    status_code = 404


@dataclass(frozen=True)
class Unsubscribe:
    """What a valid unsubscribe link asks for."""

    email: str
    topic: str
    user: User | None


# --- Reads used when sending ---------------------------------------------------------------------------------


def suppressed_addresses() -> set[str]:
    return set(SuppressedAddress.objects.values_list("email", flat=True))


def opted_out(topic: str) -> tuple[set[int], set[str]]:
    """The accounts and the account-less addresses that turned `topic` off."""
    if topic not in OPT_OUT_TOPICS:
        return set(), set()
    rows = EmailPreferences.objects.filter(**{topic: False}).values_list("user_id", "email")
    return {user_id for user_id, _email in rows if user_id}, {email for user_id, email in rows if not user_id}


def email_allowed(*, email: str, topic: str, user: User | None = None) -> bool:
    """Whether an e-mail on `topic` may go to `email` (and its account): for other apps' optional e-mails."""
    email = normalise_email(email)
    if SuppressedAddress.objects.filter(email=email).exists():
        return False
    users, emails = opted_out(topic)
    return email not in emails and (user is None or user.pk not in users)


# --- Links ---------------------------------------------------------------------------------------------------


def unsubscribe_token(*, email: str, user_id: int | None, topic: str) -> str:
    """A link names the account if there is one (its address stays out of the URL), else the address."""
    payload = {"u": user_id} if user_id else {"e": normalise_email(email)}
    return signing.dumps({**payload, "t": topic}, salt=SALT)


def unsubscribe_url(*, email: str, user_id: int | None, topic: str) -> str:
    """The absolute unsubscribe link, in the active language."""
    token = unsubscribe_token(email=email, user_id=user_id, topic=topic)
    return absolute_url(reverse("members:unsubscribe", args=[token]))


def email_preferences_url() -> str:
    return absolute_url(reverse("members:email_preferences"))


def read_unsubscribe_token(token: str) -> Unsubscribe:
    """The request a link carries; raises InvalidLink if it was altered or is not one of ours."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature as error:
        raise InvalidLink() from error
    if not isinstance(data, dict) or data.get("t") not in Topic.values:
        raise InvalidLink()
    user = User.objects.filter(pk=data["u"]).first() if isinstance(data.get("u"), int) else None
    email = normalise_email(user.email) if user is not None else data.get("e")
    if not email or not isinstance(email, str):
        raise InvalidLink()  # the account was deleted since
    return Unsubscribe(email=email, topic=data["t"], user=user)


# --- Writes --------------------------------------------------------------------------------------------------


def _preferences(*, user: User | None, email: str) -> EmailPreferences:
    if user is not None:
        preferences, _created = EmailPreferences.objects.select_for_update().get_or_create(user=user)
    else:
        preferences, _created = EmailPreferences.objects.select_for_update().get_or_create(user=None, email=email)
    return preferences


def preferences_for(*, user: User) -> EmailPreferences:
    """The account's preferences, or those its address had before it had an account, or the defaults (all on)."""
    found = EmailPreferences.objects.filter(user=user).first()
    found = found or EmailPreferences.objects.filter(user=None, email=normalise_email(user.email)).first()
    return found or EmailPreferences(user=user)


def is_unsubscribed(request: Unsubscribe) -> bool:
    if request.topic in OPT_OUT_TOPICS:
        if request.user is not None:
            return not preferences_for(user=request.user).allows(request.topic)
        row = EmailPreferences.objects.filter(user=None, email=request.email).first()
        return row is not None and not row.allows(request.topic)
    return SuppressedAddress.objects.filter(email=request.email).exists()


def email_unsubscribe(*, request: Unsubscribe) -> None:
    """Turn the link's topic off for its account (or address); for general announcements, suppress the address."""
    with transaction.atomic():
        if request.topic in OPT_OUT_TOPICS:
            preferences = _preferences(user=request.user, email=request.email)
            setattr(preferences, request.topic, False)
            preferences.full_clean()
            preferences.save()
            log(instance=preferences, action="members.unsubscribe", user=request.user, data={"topic": request.topic})
            return
        entry, created = SuppressedAddress.objects.get_or_create(
            email=request.email, defaults={"reason": SuppressedAddress.Reason.UNSUBSCRIBED}
        )
        if created:
            log(instance=entry, action="members.unsubscribe", user=request.user, data={"topic": request.topic})


def email_preferences_update(
    *, user: User, news_digest: bool, event_announcements: bool, board_matches: bool, resume_all: bool = False
) -> EmailPreferences:
    """Save the account's choices. `resume_all` takes its address off the suppression list if it was there only
    because its owner unsubscribed from everything (not if it bounced or complained)."""
    with transaction.atomic():
        preferences = _preferences(user=user, email="")
        preferences.news_digest = news_digest
        preferences.event_announcements = event_announcements
        preferences.board_matches = board_matches
        preferences.full_clean()
        preferences.save()
        # The account's choice replaces what the address chose before it had an account.
        EmailPreferences.objects.filter(user=None, email=normalise_email(user.email)).delete()
        if resume_all:
            SuppressedAddress.objects.filter(
                email=normalise_email(user.email), reason=SuppressedAddress.Reason.UNSUBSCRIBED
            ).delete()
        log(
            instance=preferences,
            action="members.email_preferences",
            user=user,
            data={
                "news_digest": news_digest,
                "event_announcements": event_announcements,
                "board_matches": board_matches,
                "resume_all": resume_all,
            },
        )
    return preferences


def unsubscribed_from_all(*, user: User) -> bool:
    return SuppressedAddress.objects.filter(
        email=normalise_email(user.email), reason=SuppressedAddress.Reason.UNSUBSCRIBED
    ).exists()


@dataclass(frozen=True)
class BulkResult:
    added: list[str]
    already: list[str]
    invalid: list[str]


def suppression_add_bulk(*, text: str, reason: str, note: str = "", by) -> BulkResult:
    """Add every address found in pasted text (one a line, or separated by commas, semicolons or spaces; "Name
    <address>" is understood). Addresses already listed keep their reason; invalid ones are reported."""
    words = re.split(r"[\s,;]+", text.replace("<", " ").replace(">", " "))
    candidates = list(dict.fromkeys(normalise_email(word).strip("\"'()[]") for word in words if "@" in word))
    invalid = []
    valid = []
    for candidate in candidates[:MAX_PASTED_ADDRESSES]:
        try:
            validate_email(candidate)
        except ValidationError:
            invalid.append(candidate)
        else:
            valid.append(candidate)
    with transaction.atomic():
        already = set(SuppressedAddress.objects.filter(email__in=valid).values_list("email", flat=True))
        added = [email for email in valid if email not in already]
        entries = [SuppressedAddress(email=email, reason=reason, note=note[:255], created_by=by) for email in added]
        for entry in entries:
            entry.full_clean(validate_unique=False)
        SuppressedAddress.objects.bulk_create(entries)
    return BulkResult(added=added, already=sorted(already), invalid=invalid)
