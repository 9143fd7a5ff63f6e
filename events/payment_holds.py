"""How long a reservation awaiting payment holds its seat: pure rules on dates, read by the services (which
write the deadlines) and by the e-mails (which state them).

EVENTS_BANK_TRANSFER_HOLD_WORKING_DAYS (3 by default): the working days (Monday to Friday; public holidays are
not known here) a reservation paid by bank transfer is held, counted from the registration.
EVENTS_PAYMENT_REMINDER_HOURS (24 by default): how long before the hold ends the buyer is reminded.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from events.models import Registration


def bank_transfer_working_days() -> int:
    return int(getattr(settings, "EVENTS_BANK_TRANSFER_HOLD_WORKING_DAYS", 3))


def reminder_lead() -> timedelta:
    return timedelta(hours=int(getattr(settings, "EVENTS_PAYMENT_REMINDER_HOURS", 24)))


def add_working_days(start: datetime, days: int) -> datetime:
    """The same local time of day, `days` working days (Monday to Friday) after `start`."""
    zone = timezone.get_default_timezone()
    local = start.astimezone(zone)
    day, counted = local.date(), 0
    while counted < days:
        day += timedelta(days=1)
        if day.weekday() < 5:
            counted += 1
    return datetime.combine(day, local.time().replace(tzinfo=None), tzinfo=zone)


def bank_transfer_hold_end(registration: Registration) -> datetime:
    """Until when a reservation paid by bank transfer holds its seat (see the module's docstring)."""
    due = add_working_days(registration.created_at, bank_transfer_working_days())
    start = registration.event.start
    if start and start > registration.created_at:
        due = min(due, start)
    return due
