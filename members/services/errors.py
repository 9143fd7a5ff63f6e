"""The errors of the members domain: each carries a message for the user, which views show."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class MembersError(DomainError):
    """A rule of the members domain was broken; str(error) is a message for the user."""


class LastAdministrator(MembersError):
    message = _("A company needs at least one administrator: appoint another administrator first.")


class AlreadyMember(MembersError):
    message = _("This person already belongs to the company.")


class AlreadyInvited(MembersError):
    message = _("This address already has a pending invitation: resend it from the list below.")


class InvitationInvalid(MembersError):
    message = _("This invitation link is not valid. Ask your company administrator for a new one.")


class InvitationExpired(MembersError):
    message = _("This invitation has expired. Ask your company administrator to send it again.")


class InvitationForAnotherAddress(MembersError):
    message = _("This invitation was sent to another e-mail address. Log in with that address to accept it.")


class AccountExists(MembersError):
    message = _("An account already exists for this address: log in to continue.")


class ApplicationAlreadyDecided(MembersError):
    message = _("This application has already been decided.")


class ApplicationPending(MembersError):
    message = _("You already have an application awaiting review.")
