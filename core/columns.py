"""Listing columns and inspect views' displays the admin's viewsets share."""

import datetime as dt

from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.admin.ui.tables import Column

from core.i18n import language_name
from core.money import format_money, format_money_or_blank


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


class YesNoColumn(Column):
    """A yes/no field as words in the admin's language ("Oui"/"Non"), not Python's `True`/`False`; headed by the
    field's own name unless a label is given."""

    def __init__(self, name, label=None, *, model=None, **kwargs):
        if label is None and model is not None:
            label = capfirst(model._meta.get_field(name).verbose_name)
        super().__init__(name, label=label, **kwargs)

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return ""
        return gettext("Yes") if value else gettext("No")


class MoneyColumn(Column):
    """An amount kept in centimes, shown as money ("1 500,00 MAD"); empty stays empty. Sorts by the amount."""

    def __init__(self, name, label=None, **kwargs):
        kwargs.setdefault("sort_key", name)
        super().__init__(name, label=label, **kwargs)

    def get_value(self, instance):
        return format_money_or_blank(super().get_value(instance))


class MoneyInspectMixin:
    """For a Wagtail InspectView: the fields named in `money_fields` (field → label), kept in centimes, are shown as
    money ("5 000,00 MAD", in the record's currency when it has one) under their label; an empty field shows
    nothing rather than "None", and a language code ("ar") its name ("arabe")."""

    money_fields: dict = {}

    def get_field_label(self, field_name, field):
        if field_name in self.money_fields:
            return self.money_fields[field_name]
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name, None)
        if field_name in self.money_fields:
            return "" if value is None else format_money(value, getattr(self.object, "currency", None) or "MAD")
        if value is None:
            return ""  # an order without a company, a payment date still to come: not the word "None"
        if field_name == "language" and not getattr(field, "choices", None):
            return language_name(value)
        return super().get_field_display_value(field_name, field)
