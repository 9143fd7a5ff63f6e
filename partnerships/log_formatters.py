"""How the board's actions read in the Wagtail admin history, with the why kept in each entry's data.

The content of private messages is never logged; only that a conversation started, changed status or that
someone shared their contact details."""

from django.utils.translation import gettext_lazy as _

from members.log_formatters import DataFormatter
from partnerships.models import Post


class ApproveFormatter(DataFormatter):
    label = _("Approve post")
    message = _("Post approved and published")
    template = _("Post approved and published. Message: %(message)s")

    def format_message(self, log_entry):
        if not (log_entry.data or {}).get("message"):
            return self.message
        return super().format_message(log_entry)


class ReturnFormatter(DataFormatter):
    label = _("Send post back")
    message = _("Post sent back to its author")
    template = _("Post sent back to its author: %(message)s")


class CloseFormatter(DataFormatter):
    label = _("Close post")
    message = _("Post closed")
    template = _("Post closed: %(outcome)s")

    def values(self, data):
        return {"outcome": str(Post.Outcome(data["outcome"]).label).lower()}


class RenewFormatter(DataFormatter):
    label = _("Renew post")
    message = _("Post renewed")
    template = _("Post renewed: on the board until %(to)s instead of %(from)s")


class ExpireFormatter(DataFormatter):
    label = _("Expire post")
    message = _("Post expired")
    template = _("Post expired: its end date, %(expires_on)s, has passed")


class ReminderFormatter(DataFormatter):
    label = _("Expiry reminder")
    message = _("Expiry reminder sent")
    template = _("Expiry reminder sent to the author: the post ends on %(expires_on)s")


FORMATTERS = {
    "partnerships.post_approve": ApproveFormatter,
    "partnerships.post_return": ReturnFormatter,
    "partnerships.post_close": CloseFormatter,
    "partnerships.post_renew": RenewFormatter,
    "partnerships.post_expire": ExpireFormatter,
    "partnerships.post_reminder": ReminderFormatter,
}

SIMPLE_ACTIONS = {
    "partnerships.post_create": (_("Create post"), _("Post created")),
    "partnerships.post_submit": (_("Submit post"), _("Post submitted for review")),
    "partnerships.conversation_start": (_("Express interest"), _("Conversation started")),
    "partnerships.conversation_accepted": (_("Accept interest"), _("Interest accepted")),
    "partnerships.conversation_declined": (_("Decline interest"), _("Interest declined")),
    "partnerships.conversation_closed": (_("Close conversation"), _("Conversation closed")),
    "partnerships.contact_share": (_("Share contact details"), _("Contact details shared")),
}
