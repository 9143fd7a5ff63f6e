from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from events.models import EventType, Question
from members.models import OrganisationMember
from payments.amounts import format_amount


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

    def clean_month(self):
        month = self.cleaned_data["month"]
        # The regex lets through years that datetime cannot hold (0000, or 9999 whose month ends in year 10000).
        if month and not 1 <= int(month[:4]) < 9999:
            raise forms.ValidationError(_("Choose a month in the form YYYY-MM."))
        return month

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


# --- Registration ----------------------------------------------------------------------------------------------


def _ticket_label(offer) -> str:
    price = _("free") if offer.price == 0 else format_amount(offer.price)
    label = f"{offer.ticket.name_for()} — {price}"
    if offer.sold_out:
        label = _("%(ticket)s (full)") % {"ticket": label}
    return label


def question_fields(questions) -> dict[str, forms.Field]:
    """One form field per custom question of the event, named q_<id>."""
    fields = {}
    for question in questions:
        label = question.label_for()
        if question.kind == Question.Kind.CHOICE:
            field = forms.ChoiceField(
                label=label,
                required=question.required,
                choices=[("", "—"), *question.choice_pairs()],
            )
        elif question.kind == Question.Kind.YES_NO:
            field = forms.ChoiceField(
                label=label,
                required=question.required,
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
            )
        else:
            field = forms.CharField(
                label=label, required=question.required, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
            )
        fields[f"q_{question.pk}"] = field
    return fields


class RegistrationForm(forms.Form):
    """Register one person: the viewer themselves (logged in), a guest (anonymous), or, for a company
    administrator, a colleague (`colleague_of` = the companies they administer)."""

    ticket = forms.TypedChoiceField(label=_("Ticket"), coerce=int, widget=forms.RadioSelect)
    attendee_name = forms.CharField(label=_("Full name"), max_length=200)
    attendee_email = forms.EmailField(label=_("E-mail"), max_length=254)
    company_name = forms.CharField(label=_("Company"), max_length=200, required=False)

    def __init__(self, *args, tickets, questions, user=None, affiliations=(), colleague_of=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.offers = {offer.ticket.pk: offer for offer in tickets if offer.price is not None and offer.on_sale}
        self.fields["ticket"].choices = [(pk, _ticket_label(offer)) for pk, offer in self.offers.items()]
        if len(self.offers) == 1:
            self.fields["ticket"].initial = next(iter(self.offers))
        self.mode = "colleague" if colleague_of else ("self" if user is not None and user.is_authenticated else "guest")
        if self.mode == "self":
            # Their own account: the e-mail address is the account's.
            del self.fields["attendee_email"]
            self.fields["attendee_name"].initial = user.get_full_name()
            self.user_email = user.email
        if self.mode in ("self", "colleague"):
            companies = [a.organisation for a in (colleague_of or affiliations)]
            choices = [(org.pk, org.display_name) for org in companies]
            if self.mode == "self":
                choices.append(("", _("None: I register in my own name")))
            if companies:
                self.fields["organisation"] = forms.TypedChoiceField(
                    label=_("Your company") if self.mode == "self" else _("Company"),
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=self.mode == "colleague",
                )
                self.fields["organisation"].initial = companies[0].pk
                self.organisations = {org.pk: org for org in companies}
                self.fields["company_name"].label = _("Other company")
                self.fields["company_name"].help_text = _("Only if you register without a member company.")
                self.order_fields(["ticket", "attendee_name", "organisation", "company_name"])
        if self.mode == "colleague":
            del self.fields["company_name"]
            self.people = {person.user_id: person for person in colleague_people(colleague_of)}
            self.fields["person"] = forms.TypedChoiceField(
                label=_("Colleague"),
                choices=[
                    ("", _("Someone else: type their name and e-mail below")),
                    *((pk, _person_label(person)) for pk, person in self.people.items()),
                ],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields["attendee_name"].required = False
            self.fields["attendee_email"].required = False
            self.order_fields(["ticket", "organisation", "person", "attendee_name", "attendee_email"])
        self.fields.update(question_fields(self.questions))

    def clean(self):
        cleaned = super().clean()
        if self.mode == "colleague":
            person = self.people.get(cleaned.get("person")) if cleaned.get("person") else None
            if person is not None:
                if person.organisation_id != cleaned.get("organisation"):
                    self.add_error("person", _("This colleague does not work for the company chosen."))
                cleaned["attendee_name"] = person.user.get_full_name() or person.user.email
                cleaned["attendee_email"] = person.user.email
                cleaned["user"] = person.user
            elif not cleaned.get("attendee_name") or not cleaned.get("attendee_email"):
                self.add_error(None, _("Choose a colleague, or type their name and e-mail."))
        return cleaned

    @property
    def organisation(self):
        pk = self.cleaned_data.get("organisation")
        return getattr(self, "organisations", {}).get(pk) if pk else None

    def answers(self) -> dict[int, str]:
        return {question.pk: self.cleaned_data.get(f"q_{question.pk}") or "" for question in self.questions}

    def add_answer_errors(self, errors: dict[int, str]) -> None:
        for question_id, message in errors.items():
            name = f"q_{question_id}"
            self.add_error(name if name in self.fields else None, message)


def colleague_people(affiliations) -> list:
    """People of the companies administered, for the colleague picker (one query)."""
    return list(
        OrganisationMember.objects.filter(organisation_id__in=[a.organisation.pk for a in affiliations])
        .select_related("user", "organisation")
        .order_by("organisation__legal_name", "user__last_name", "user__first_name")
    )


def _person_label(person) -> str:
    name = person.user.get_full_name() or person.user.email
    return f"{name} ({person.user.email}) — {person.organisation.display_name}"


class ClaimForm(forms.Form):
    """Take the seat offered from the waitlist: only the event's questions, if any (and the ticket, if the
    person waited for any ticket)."""

    def __init__(self, *args, questions, tickets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        offers = [offer for offer in tickets if offer.price is not None]
        if offers:
            self.fields["ticket"] = forms.TypedChoiceField(
                label=_("Ticket"),
                coerce=int,
                widget=forms.RadioSelect,
                choices=[(offer.ticket.pk, _ticket_label(offer)) for offer in offers],
            )
        self.fields.update(question_fields(self.questions))

    def answers(self) -> dict[int, str]:
        return {question.pk: self.cleaned_data.get(f"q_{question.pk}") or "" for question in self.questions}

    add_answer_errors = RegistrationForm.add_answer_errors
