from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class BoardError(DomainError):
    """A rule of the board was broken; `message` is what the person is told."""


class NotAllowed(BoardError):
    message = _("Only the company's administrators and the post's author can do this.")


class NotActiveMember(BoardError):
    message = _("Only companies with an active membership can post on the board or answer posts.")


class WrongStatus(BoardError):
    message = _("This post cannot do that in its current state.")


class AttachmentRejected(BoardError):
    message = _("The attachment must be a real PDF document of at most 5 MB.")


class OwnPost(BoardError):
    message = _("This post is your own company's.")


class NotOnBoard(BoardError):
    message = _("This post is no longer on the board.")


class ConversationNotOpen(BoardError):
    message = _("This conversation is closed: no more messages can be sent.")


class EmptyMessage(BoardError):
    message = _("Write a message.")
