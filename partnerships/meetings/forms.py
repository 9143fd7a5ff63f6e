"""The B2B meeting forms: a participant's request message, and the secretariat's hand placement of a meeting."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy

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
