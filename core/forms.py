"""Form fields the apps share."""

from django import forms
from django.core.exceptions import ValidationError

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
