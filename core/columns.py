"""Listing columns the admin's viewsets share."""

import datetime as dt

from django.utils import formats, timezone
from wagtail.admin.ui.tables import Column


def local_date(value) -> str:
    """A date as a date, a date-time as the association's local date and time ("31/12/2027 17:00")."""
    if isinstance(value, dt.datetime):
        return formats.date_format(
            timezone.localtime(value) if timezone.is_aware(value) else value, "SHORT_DATETIME_FORMAT"
        )
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return "" if value is None else str(value)


class LocalDateColumn(Column):
    """A date or date-time shown as such, in local time. Wagtail's DateColumn says how long ago it was, which reads
    "Il y a 0 minute" for the end of a membership period or of a waitlist offer still to come."""

    def __init__(self, name, label=None, **kwargs):
        kwargs.setdefault("sort_key", name)
        super().__init__(name, label=label, **kwargs)

    def get_value(self, instance):
        return local_date(super().get_value(instance))
