"""Form fields the apps share."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.money import MoneyParseError, format_money, format_money_input, parse_money

# What an id column (BigAutoField) holds; SQLite refuses larger integers with an OverflowError (an HTTP 500).
ID_RANGE = range(-(2**63), 2**63)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing ids no database column can hold the way it refuses unknown ones (a clear message, a 4xx),
    where Django queries them and SQLite fails with an OverflowError."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk":
            for pk in value:
                try:
                    out_of_range = int(str(pk)) not in ID_RANGE
                except ValueError:
                    continue  # Django says it is not a valid value
                if out_of_range:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)


class LocalizedMultipleChoiceField(ModelMultipleChoiceField):
    """Choices labelled in the current language (models with `name_for()`, core.i18n.localized)."""

    def label_from_instance(self, obj):
        return obj.name_for()


class MoneyField(forms.Field):
    """An amount typed in MAD ("1 500,50", "1500.50", "500") and cleaned to centimes (150050), the unit every model
    and service keeps; an amount in centimes given as initial value is shown in MAD for editing ("1 500,50").

    Negative amounts and fractions of a centime are refused with a message saying so. `max_minor` (centimes) is
    the most the column holds; `min_minor` the least accepted (0 by default)."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Enter an amount in MAD, such as 1 500,00."),
        "negative": _("The amount cannot be negative."),
        "decimals": _("An amount in MAD has at most two decimals (centimes)."),
        "min_value": _("Enter at least %(amount)s."),
        "max_value": _("Enter at most %(amount)s."),
    }

    def __init__(self, *, min_minor: int = 0, max_minor: int = ID_RANGE.stop - 1, **kwargs):
        self.min_minor, self.max_minor = min_minor, max_minor
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return format_money_input(value)
        return value

    def to_python(self, value) -> int | None:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if value in self.empty_values:
            return None
        try:
            return parse_money(value)
        except MoneyParseError as error:
            raise ValidationError(self.error_messages[error.code], code=error.code) from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value < self.min_minor:
            code = "negative" if value < 0 else "min_value"
            raise ValidationError(self.error_messages[code], code=code, params={"amount": format_money(self.min_minor)})
        if value > self.max_minor:
            raise ValidationError(
                self.error_messages["max_value"], code="max_value", params={"amount": format_money(self.max_minor)}
            )

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal"}


def money_formfield(db_field, **kwargs) -> MoneyField:
    """The MoneyField for a model field holding centimes, labelled "<its name> (MAD)" unless `label` is given, bound
    by the range the column holds."""
    low, high = connection.ops.integer_field_range(db_field.get_internal_type())
    kwargs.setdefault("label", capfirst(db_field.verbose_name))
    kwargs.setdefault("help_text", db_field.help_text)
    kwargs.setdefault("required", not db_field.blank)
    kwargs.setdefault("min_minor", max(low or 0, 0))
    kwargs.setdefault("max_minor", min(high if high is not None else ID_RANGE.stop - 1, ID_RANGE.stop - 1))
    return MoneyField(**kwargs)


class MoneyFieldsMixin:
    """For a Wagtail ModelViewSet: the model fields named in `money_fields` (centimes) are typed in MAD."""

    money_fields: tuple[str, ...] = ()

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name in self.money_fields:
            return money_formfield(db_field, **kwargs)
        return super().formfield_for_dbfield(db_field, **kwargs)
