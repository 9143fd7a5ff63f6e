"""Forms of the secretariat's event screens: manual registration, changes to a registration, message to
attendees. Each one feeds a service; the services hold the rules."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.i18n import language_name, one_page_per_translation
from events.attendee_messages import BODY_MAX_LENGTH, SUBJECT_MAX_LENGTH, Audience, message_languages
from events.forms import question_fields
from events.models import EventPage, Question, Registration, TicketType
from members.models import Organisation


class EventChoiceField(forms.ModelChoiceField):
    """An event as choosers list it: its title, its date and the language it is written in."""

    def label_from_instance(self, obj):
        parts = [obj.title, f"{obj.local_start:%d/%m/%Y}" if obj.start else "", language_name(obj.locale.language_code)]
        return " · ".join(part for part in parts if part)


def one_per_event(queryset=None):
    """Every event once (its default-language page), newest first."""
    queryset = EventPage.objects.all() if queryset is None else queryset
    return one_page_per_translation(queryset).select_related("locale").order_by("-start", "pk")


class OneEntryPerEventMixin:
    """For a Wagtail ModelViewSet whose model points at an event: its form lists each event once (its
    default-language page, its date and language shown), not once per language copy of the page tree."""

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "event" and db_field.related_model is EventPage:
            kwargs.pop("widget", None)
            return EventChoiceField(
                queryset=one_per_event(),
                label=capfirst(db_field.verbose_name),
                required=not db_field.blank,
                help_text=db_field.help_text,
                **kwargs,
            )
        return super().formfield_for_dbfield(db_field, **kwargs)


def events_with_registration():
    return one_per_event(EventPage.objects.filter(registration_settings__isnull=False))


class EventChoiceForm(forms.Form):
    event = EventChoiceField(label=_("Event"), queryset=events_with_registration())


class TicketChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name if obj.is_active else _("%(ticket)s (no longer offered)") % {"ticket": obj.name}


class ManualRegistrationForm(forms.Form):
    """The secretariat registers someone: any ticket of the event, outside the sales window if need be."""

    ticket_type = TicketChoiceField(label=_("Ticket"), queryset=TicketType.objects.none())
    attendee_name = forms.CharField(label=_("Full name"), max_length=200)
    attendee_email = forms.EmailField(label=_("E-mail"), max_length=254)
    organisation = forms.ModelChoiceField(
        label=_("Member company"),
        queryset=Organisation.objects.order_by("legal_name"),
        required=False,
        help_text=_("Sets the price: members of a current company pay the member price."),
    )
    company_name = forms.CharField(
        label=_("Company (typed)"), max_length=200, required=False, help_text=_("For someone without a member company.")
    )
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, event: EventPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["ticket_type"].queryset = TicketType.objects.filter(event=event)
        self.questions = list(Question.objects.filter(event=event))
        self.fields.update(question_fields(self.questions))

    def answers(self) -> dict[int, str]:
        return {question.pk: self.cleaned_data.get(f"q_{question.pk}") or "" for question in self.questions}

    def add_answer_errors(self, errors: dict[int, str]) -> None:
        for question_id, message in errors.items():
            self.add_error(f"q_{question_id}", message)


class ChangeTicketForm(forms.Form):
    ticket_type = TicketChoiceField(label=_("New ticket"), queryset=TicketType.objects.none())

    def __init__(self, *args, registration: Registration, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticket_type"].queryset = TicketType.objects.filter(event_id=registration.event_id).exclude(
            pk=registration.ticket_type_id
        )


class TransferForm(forms.Form):
    attendee_name = forms.CharField(label=_("New attendee's full name"), max_length=200)
    attendee_email = forms.EmailField(label=_("New attendee's e-mail"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=settings.LANGUAGES)


class CancelForm(forms.Form):
    RULE, REFUND, KEEP = "rule", "refund", "keep"
    refund = forms.ChoiceField(
        label=_("Money paid"),
        choices=[
            (RULE, _("As the event's refund rule says")),
            (REFUND, _("Refund it")),
            (KEEP, _("Keep it (no refund)")),
        ],
        initial=RULE,
        required=False,  # only asked when something was paid
        widget=forms.RadioSelect,
    )

    def refund_choice(self) -> bool | None:
        return {self.REFUND: True, self.KEEP: False}.get(self.cleaned_data.get("refund"))


class MessageForm(forms.Form):
    """Who receives the message, the language it is written in, and the message. `counts` (audience → how many
    people it holds now) is shown beside each audience."""

    audiences = forms.MultipleChoiceField(
        label=_("Send to"),
        choices=Audience.choices,
        initial=[Audience.CONFIRMED],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose who receives the message.")},
        help_text=_("One e-mail per address, even for someone in more than one of these."),
    )
    language = forms.ChoiceField(
        label=_("Language the message is written in"),
        choices=settings.LANGUAGES,
        help_text=_("The greeting and the footer around your text are in this language."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX_LENGTH)
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Sent as typed; links become clickable."),
    )

    def __init__(self, *args, counts: dict[str, int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        current = (translation.get_language() or "")[:2]
        self.fields["language"].initial = current if current in message_languages() else settings.LANGUAGE_CODE
        if counts is not None:
            self.fields["audiences"].choices = [
                (value, f"{label} ({counts.get(value, 0)})") for value, label in Audience.choices
            ]
