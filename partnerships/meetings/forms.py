"""The B2B meeting forms: a participant's request message, the secretariat's hand placement of a meeting, and the
session's breaks typed as rows of times."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy, pgettext, pgettext_lazy

from partnerships.meetings import selectors
from partnerships.models import BrokerageSession


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Say who you are and what you would like to talk about."),
    )


class MoveForm(forms.Form):
    slot = forms.ChoiceField(label=gettext_lazy("Slot"))
    table = forms.IntegerField(label=pgettext_lazy("meeting table", "Table"), min_value=1)

    def __init__(self, *args, session: BrokerageSession, **kwargs):
        super().__init__(*args, **kwargs)
        self.session = session
        self.fields["slot"].choices = [
            (slot.start.isoformat(), selectors.local(slot.start, session).strftime("%d/%m %H:%M"))
            for slot in session.slots
        ]
        self.fields["table"].max_value = session.tables
        self.fields["table"].widget.attrs["max"] = session.tables

    def clean_slot(self):
        return self.session.slot_at(dt.datetime.fromisoformat(self.cleaned_data["slot"])).start


class BreaksWidget(forms.Widget):
    """The day's breaks as rows of two time inputs ("from", "to"), with a few empty rows to add more: no JSON to
    type and no JavaScript needed. Posts `<name>_<row>_start` and `<name>_<row>_end`; a row's error (set by
    BreaksField) is shown in the row."""

    extra_rows = 3
    max_rows = 50

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.row_errors: dict[int, str] = {}

    def id_for_label(self, id_):
        return f"{id_}_0_start" if id_ else id_

    def value_from_datadict(self, data, files, name) -> list[tuple[str, str]]:
        rows = []
        for index in range(self.max_rows):
            start, end = data.get(f"{name}_{index}_start"), data.get(f"{name}_{index}_end")
            if start is None and end is None:
                break
            rows.append((start or "", end or ""))
        return rows

    def value_omitted_from_data(self, data, files, name):
        return f"{name}_0_start" not in data and f"{name}_0_end" not in data

    @staticmethod
    def rows(value) -> list[tuple[str, str]]:
        """Rows to show: the breaks as stored, or the rows as posted (kept as typed when the form comes back)."""
        rows = []
        for item in value if isinstance(value, list | tuple) else []:
            if isinstance(item, list | tuple) and len(item) == 2:
                rows.append(tuple("" if part is None else str(part) for part in item))
        while rows and not any(part.strip() for part in rows[-1]):
            rows.pop()
        return rows

    def render(self, name, value, attrs=None, renderer=None):
        base_id = (attrs or {}).get("id") or self.attrs.get("id") or f"id_{name}"
        rows = self.rows(value)
        rows += [("", "")] * self.extra_rows
        html = []
        for index, (start, end) in enumerate(rows):
            error = self.row_errors.get(index)
            invalid = (
                format_html(' aria-invalid="true" aria-describedby="{}_{}_error"', base_id, index) if error else ""
            )
            inputs = [
                format_html(
                    '<label>{} <input type="time" name="{}_{}_{}" id="{}_{}_{}" value="{}"{}></label>',
                    label,
                    name,
                    index,
                    part,
                    base_id,
                    index,
                    part,
                    typed,
                    invalid,
                )
                for label, part, typed in (
                    (pgettext("break", "From"), "start", start),
                    (pgettext("break", "to"), "end", end),
                )
            ]
            message = (
                format_html('<p class="error-message" id="{}_{}_error">{}</p>', base_id, index, error) if error else ""
            )
            html.append(
                format_html(
                    '<fieldset class="breaks-row" data-break-row="{}"><legend class="w-sr-only">{}</legend>{} {}{}'
                    "</fieldset>",
                    index,
                    gettext("Break %(number)d") % {"number": index + 1},
                    inputs[0],
                    inputs[1],
                    message,
                )
            )
        return format_html(
            '<div class="breaks" id="{}">{}</div>', base_id, format_html_join("", "{}", ((row,) for row in html))
        )


class BreaksField(forms.Field):
    """The day's breaks, typed as start and end times, cleaned to the stored form: [["12:30", "14:00"], ...] in the
    order of the day. Each row is checked (both times, the end after the start, no overlap with another break) and
    its error is shown on the row; empty rows are ignored."""

    widget = BreaksWidget
    default_error_messages = {
        "incomplete": gettext_lazy("Give both the start and the end of the break."),
        "invalid_time": gettext_lazy("Enter the times as hours and minutes, e.g. 12:30."),
        "order": gettext_lazy("The break must end after it starts."),
        "overlap": gettext_lazy("This break overlaps the break %(start)s–%(end)s."),
        "row": gettext_lazy("Break %(number)d: %(problem)s"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def _times(self, rows) -> tuple[list[tuple[int, dt.time, dt.time]], dict[int, str]]:
        """The filled rows as (row, start, end) in the order of the day, and each faulty row's message."""
        reader, pairs, errors = forms.TimeField(), [], {}
        for index, (start_text, end_text) in enumerate(BreaksWidget.rows(rows)):
            if not start_text.strip() and not end_text.strip():
                continue
            if not start_text.strip() or not end_text.strip():
                errors[index] = self.error_messages["incomplete"]
                continue
            try:
                start, end = reader.clean(start_text), reader.clean(end_text)
            except ValidationError:
                errors[index] = self.error_messages["invalid_time"]
                continue
            if end <= start:
                errors[index] = self.error_messages["order"]
                continue
            pairs.append((index, start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0)))
        pairs.sort(key=lambda pair: pair[1])
        latest = None
        for index, start, end in pairs:
            if latest and start < latest[2]:
                errors.setdefault(
                    index, self.error_messages["overlap"] % {"start": f"{latest[1]:%H:%M}", "end": f"{latest[2]:%H:%M}"}
                )
            if latest is None or end > latest[2]:
                latest = (index, start, end)
        return pairs, errors

    def clean(self, value):
        pairs, errors = self._times(value)
        self.widget.row_errors = errors
        if errors:
            raise ValidationError(
                [
                    ValidationError(
                        self.error_messages["row"], code="row", params={"number": index + 1, "problem": errors[index]}
                    )
                    for index in sorted(errors)
                ]
            )
        return [[f"{start:%H:%M}", f"{end:%H:%M}"] for _, start, end in pairs]

    def has_changed(self, initial, data):
        if self.disabled:
            return False
        (before, before_errors), (after, after_errors) = self._times(initial or []), self._times(data or [])
        times = [(start, end) for _, start, end in before], [(start, end) for _, start, end in after]
        return bool(before_errors or after_errors) or times[0] != times[1]
