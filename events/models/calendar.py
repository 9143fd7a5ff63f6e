import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in the address of a person's calendar feed: calendar clients cannot log in, so it is the key.

    Resetting it replaces the token: the old address stops working at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="calendar_feed_token"
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.user)


class EventCalendarState(models.Model):
    """What calendars were last told about an event's times, and the iCalendar SEQUENCE that told them.

    Each publication that moves the start or the end bumps the sequence, so that clients holding the event
    (from an invitation or a feed) replace their copy instead of ignoring the update.
    """

    event = models.OneToOneField(
        "events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="calendar_state",
    )
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    published_start = models.DateTimeField(_("published start"))
    published_end = models.DateTimeField(_("published end"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event calendar state")
        verbose_name_plural = _("event calendar states")

    def __str__(self) -> str:
        return f"{self.event_id} #{self.sequence}"
