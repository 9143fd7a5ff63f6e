"""The one base of every rule a service refuses: a message safe to show, and the HTTP status that fits."""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A business rule was broken; `message` is safe to show to the person who tried, `status_code` is what a
    view answers with. Subclasses set `message` (or `default_message`) and `status_code` as class attributes."""

    default_message = _("This action is not possible.")
    message = None
    status_code = 400

    def __init__(self, message=None):
        self.message = message or type(self).message or self.default_message
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)
