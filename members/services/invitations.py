"""Invitations: a company administrator invites someone by e-mail; following the link makes them one of its people."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from members.models import Consent, Invitation, Organisation, OrganisationMember, Role
from members.models.people import hash_token
from members.services.emails import absolute_url_in, queue_email
from members.services.errors import (
    AccountExists,
    AlreadyInvited,
    AlreadyMember,
    InvitationExpired,
    InvitationForAnotherAddress,
    InvitationInvalid,
)
from members.services.people import member_add
from members.services.privacy import consent_record

User = get_user_model()

INVITATION_VALIDITY = timedelta(days=7)


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.sent_at = timezone.now()
    invitation.expires_at = invitation.sent_at + INVITATION_VALIDITY
    return token


def _send_invitation(invitation: Invitation, token: str, by) -> None:
    # Someone who already has an account reads it in their own language; a newcomer in the one the inviter chose.
    # The link opens the page in that language too (/ar/…), whatever the inviter's page was in.
    existing = User.objects.filter(email__iexact=invitation.email).first()
    language = (existing.preferred_language if existing else invitation.language) or settings.LANGUAGE_CODE
    queue_email(
        kind="invitation",
        to=[invitation.email],
        language=language,
        context={
            "organisation": invitation.organisation.display_name,
            "inviter": str(by) if by else "",
            # The code, not the label: the task translates it in the e-mail's language.
            "role": invitation.role,
            "url": absolute_url_in(language, "members:invitation_accept", kwargs={"token": token}),
            "expires_at": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M"),
        },
    )


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str = Role.MEMBER, language: str = "", by
) -> Invitation:
    """Invite someone by e-mail to join a company; the link is valid for seven days.

    `language` is the e-mail's language for a person without an account (default: the inviter's, else French)."""
    email = email.strip().lower()
    if organisation.people.filter(user__email__iexact=email).exists():
        raise AlreadyMember()
    pending = organisation.invitations.pending().filter(email__iexact=email)
    if pending.filter(expires_at__gt=timezone.now()).exists():
        raise AlreadyInvited()
    # An expired invitation to the same address is replaced rather than left lying around.
    pending.update(revoked_at=timezone.now())
    language = language or getattr(by, "preferred_language", "") or settings.LANGUAGE_CODE
    invitation = Invitation(organisation=organisation, email=email, role=role, language=language, invited_by=by)
    token = _new_token(invitation)
    invitation.full_clean()
    invitation.save()
    log(instance=organisation, action="members.invite", user=by, data={"email": email, "role": role})
    _send_invitation(invitation, token, by)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by) -> Invitation:
    """Send a fresh link (the old one stops working) valid for another seven days."""
    if not invitation.is_pending:
        raise InvitationInvalid(_("This invitation is no longer pending."))
    token = _new_token(invitation)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    log(instance=invitation.organisation, action="members.invite_resend", user=by, data={"email": invitation.email})
    _send_invitation(invitation, token, by)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by) -> Invitation:
    """Cancel a pending invitation: its link stops working."""
    if not invitation.is_pending:
        raise InvitationInvalid(_("This invitation is no longer pending."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    log(instance=invitation.organisation, action="members.invite_revoke", user=by, data={"email": invitation.email})
    return invitation


def invitation_from_token(token: str) -> Invitation:
    """The pending, unexpired invitation for a link's token, or an InvitationInvalid/InvitationExpired error."""
    invitation = (
        Invitation.objects.pending().select_related("organisation").filter(token_hash=hash_token(token)).first()
    )
    if invitation is None:
        raise InvitationInvalid()
    if invitation.is_expired:
        raise InvitationExpired()
    return invitation


def user_owns_address(user, email: str) -> bool:
    return user.email.lower() == email.lower() or EmailAddress.objects.filter(user=user, email__iexact=email).exists()


def _mark_address_verified(user, email: str) -> None:
    # Following the e-mailed link proves the person controls the address.
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        EmailAddress.objects.create(
            user=user, email=email, verified=True, primary=not EmailAddress.objects.filter(user=user).exists()
        )
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> OrganisationMember:
    """The invited person (logged in with the invited address) joins the company with the role offered."""
    invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    if not invitation.is_pending:
        raise InvitationInvalid()
    if invitation.is_expired:
        raise InvitationExpired()
    if not user_owns_address(user, invitation.email):
        raise InvitationForAnotherAddress()
    _mark_address_verified(user, invitation.email)
    membership = member_add(organisation=invitation.organisation, user=user, role=invitation.role, by=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    log(instance=invitation.organisation, action="members.invite_accept", user=user, data={"email": user.email})
    return membership


@transaction.atomic
def invitation_accept_with_new_account(
    *,
    invitation: Invitation,
    first_name: str,
    last_name: str,
    password: str,
    language: str = "",
    ip_address: str | None = None,
):
    """Create the invited person's account (address already verified by the link) and accept the invitation.

    The account takes `language` (the page's, where the person accepted), else the invitation's."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise AccountExists()
    languages = dict(settings.LANGUAGES)
    preferred = next((code for code in (language, invitation.language) if code in languages), settings.LANGUAGE_CODE)
    user = User(
        email=invitation.email.lower(), first_name=first_name, last_name=last_name, preferred_language=preferred
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    consent_record(user=user, purpose=Consent.Purpose.PRIVACY_NOTICE, granted=True, ip_address=ip_address)
    invitation_accept(invitation=invitation, user=user)
    return user
