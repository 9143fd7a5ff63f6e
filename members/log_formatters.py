"""How the members actions read in the Wagtail admin history: with the details kept in each log entry's data.

Messages start with a word, not an address: Wagtail capitalises their first letter."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from members.models import Membership, Organisation, Role


def _role(value) -> str:
    return str(Role(value).label).lower() if value in Role.values else str(value or "")


def _status(value) -> str:
    return str(Organisation.Status(value).label).lower() if value in Organisation.Status.values else str(value or "")


class DataFormatter(LogFormatter):
    """Formats `template` with values taken from the entry's data; falls back to `message` if any is missing."""

    template = ""

    def values(self, data: dict) -> dict:
        return data

    def format_message(self, log_entry):
        try:
            return self.template % self.values(log_entry.data or {})
        except (KeyError, TypeError, ValueError):
            return self.message


class StatusChangeFormatter(DataFormatter):
    label = _("Change membership status")
    message = _("Membership status changed")
    template = _("Membership status changed from %(from)s to %(to)s")

    def values(self, data):
        return {"from": _status(data["from"]), "to": _status(data["to"])}


class PersonAddFormatter(DataFormatter):
    label = _("Add person")
    message = _("Person added to the company")
    template = _("Added %(person)s as %(role)s")

    def values(self, data):
        return {"person": data["person"], "role": _role(data["role"])}


class PersonRemoveFormatter(DataFormatter):
    label = _("Remove person")
    message = _("Person removed from the company")
    template = _("Removed %(person)s from the company")

    def format_message(self, log_entry):
        message = super().format_message(log_entry)
        if (log_entry.data or {}).get("reason") == "account deleted":
            return _("%(message)s (the person deleted their account)") % {"message": message}
        return message


class RoleChangeFormatter(DataFormatter):
    label = _("Change role")
    message = _("Role changed")
    template = _("Role of %(person)s changed from %(from)s to %(to)s")

    def values(self, data):
        return {"person": data["person"], "from": _role(data["from"]), "to": _role(data["to"])}


class InviteFormatter(DataFormatter):
    label = _("Invite")
    message = _("Invitation sent")
    template = _("Invited %(email)s as %(role)s")

    def values(self, data):
        return {"email": data["email"], "role": _role(data["role"])}


class InviteResendFormatter(DataFormatter):
    label = _("Resend invitation")
    message = _("Invitation sent again")
    template = _("Invitation to %(email)s sent again")


class InviteRevokeFormatter(DataFormatter):
    label = _("Revoke invitation")
    message = _("Invitation revoked")
    template = _("Invitation to %(email)s revoked")


class InviteAcceptFormatter(DataFormatter):
    label = _("Accept invitation")
    message = _("Invitation accepted")
    template = _("Invitation accepted by %(email)s")


class _DecisionFormatter(DataFormatter):
    template = _("%(decision)s. Message to the applicant: “%(message)s”")

    def values(self, data):
        if not data.get("message"):
            raise KeyError("message")
        return {"decision": self.message, "message": data["message"]}


class ApplicationApproveFormatter(_DecisionFormatter):
    label = _("Approve application")
    message = _("Application approved")


class ApplicationRejectFormatter(_DecisionFormatter):
    label = _("Reject application")
    message = _("Application rejected")


class LastAdminLeftFormatter(DataFormatter):
    label = _("Last administrator left")
    message = _("The last company administrator left")
    template = _("The last company administrator (%(person)s) deleted their account: appoint a new one")


def _membership_status(value) -> str:
    statuses = Membership.Status
    return str(statuses(value).label).lower() if value in statuses.values else str(value or "")


class MembershipStatusFormatter(DataFormatter):
    label = _("Change membership period status")
    message = _("Membership period status changed")
    template = _("Membership period changed from %(from)s to %(to)s: %(reason)s")

    def values(self, data):
        return {
            "from": _membership_status(data["from"]),
            "to": _membership_status(data["to"]),
            "reason": data["reason"],
        }


FORMATTERS = {
    "members.status_change": StatusChangeFormatter,
    "members.person_add": PersonAddFormatter,
    "members.person_remove": PersonRemoveFormatter,
    "members.role_change": RoleChangeFormatter,
    "members.invite": InviteFormatter,
    "members.invite_resend": InviteResendFormatter,
    "members.invite_revoke": InviteRevokeFormatter,
    "members.invite_accept": InviteAcceptFormatter,
    "members.application_approve": ApplicationApproveFormatter,
    "members.application_reject": ApplicationRejectFormatter,
    "members.last_admin_left": LastAdminLeftFormatter,
    "members.membership_status": MembershipStatusFormatter,
}
