from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from events.models import EventType


class EventFilterForm(forms.Form):
    """The filters of the events calendar (a GET form: every field optional)."""

    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
    )
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *EventType.choices])
    month = forms.CharField(
        label=_("Month"),
        required=False,
        validators=[RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("Choose a month in the form YYYY-MM."))],
    )

    def filters(self) -> dict:
        """The valid filters; an invalid one is dropped (and its error shown) rather than failing the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        month = data.get("month") or ""
        return {
            "past": data.get("when") == "past",
            "event_type": data.get("type") or "",
            "month": tuple(int(part) for part in month.split("-")) if month else None,
        }
