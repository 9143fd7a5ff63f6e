"""The secretariat's "Events" menu in the Wagtail admin: its home (every event and the ways into it), registrations,
ticket types, questions, registration settings, the waitlist and speakers.

Listings are filtered and exportable (CSV/XLSX; the registrations export carries the answers to the event's
questions as columns). Every change to a registration goes through events.services (see events.admin_views).
"""

from collections import OrderedDict

import django_filters
from django.db.models import Q
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.columns import LocalDateColumn, MoneyColumn, YesNoColumn
from core.exports import ExportIndexView, ExportSnippetIndexView, SpreadsheetExportMixin
from core.forms import MoneyFieldsMixin
from events import admin_views
from events.admin_forms import EventChoiceField, OneEntryPerEventMixin, events_with_registration, one_per_event
from events.admin_permissions import RegistrationPermissionPolicy
from events.codes import canonical_code
from events.models import EventPage, Question, Registration, RegistrationSettings, Speaker, TicketType, WaitlistEntry
from events.services import waitlist_offer_seats
from payments.amounts import to_decimal


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "role", "organisation"]
    list_filter = ["organisation"]
    index_view_class = ExportSnippetIndexView
    list_export = ["name", "role", "organisation", "bio"]
    search_fields = ["name", "organisation"]
    search_backend_name = None  # plain database lookups: the list stays searchable without a search index rebuild
    ordering = ["name"]


# --- The menu's home ------------------------------------------------------------------------------------------


class EventsHomeMenuItem(MenuItem):
    def is_shown(self, request):
        return RegistrationPermissionPolicy(Registration).user_has_permission(request.user, "view")


class EventsHomeViewSet(ViewSet):
    """Every event, with links to its registrations, check-in page and badges (events.admin_views.events_home)."""

    icon = "date"
    menu_label = _("All events")
    menu_item_class = EventsHomeMenuItem

    def get_urlpatterns(self):
        return [path("", admin_views.events_home, name="index")]


# --- Registrations -------------------------------------------------------------------------------------------


class TicketFilterField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} · {obj.event.title}"


class TicketFilter(django_filters.ModelChoiceFilter):
    field_class = TicketFilterField


class EventFilter(django_filters.ModelChoiceFilter):
    """One entry per event; choosing it keeps the rows of the event in every language it is written in."""

    field_class = EventChoiceField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__translation_key": value.translation_key}).distinct()


class RegistrationFilterSet(WagtailFilterSet):
    event = EventFilter(label=_("Event"), queryset=events_with_registration())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Registration.Status.choices)
    ticket_type = TicketFilter(label=_("Ticket"), queryset=TicketType.objects.select_related("event"))
    checked_in = django_filters.BooleanFilter(
        label=_("Checked in"), field_name="checked_in_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Registration
        fields = ["event", "status", "ticket_type", "checked_in"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        event = (data or {}).get("event")
        if event and str(event).isdigit():
            # Once an event is chosen, only its tickets are offered.
            self.filters["ticket_type"].queryset = TicketType.objects.filter(event_id=event).select_related("event")


ANSWER = "answer_"
COMPUTED_EXPORT = {
    "company": lambda registration: registration.company_display,
    "status_label": lambda registration: registration.get_status_display(),
    "price_mad": lambda registration: to_decimal(registration.price),
    "checked_in_by_name": lambda registration: (
        registration.checked_in_by.get_full_name() or registration.checked_in_by.email
        if registration.checked_in_by_id
        else ""
    ),
}


class RegistrationIndexView(SpreadsheetExportMixin, generic.IndexView):
    add_item_label = _("Register someone")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "ticket_type", "organisation", "checked_in_by")

    def search_queryset(self, queryset):
        """A ticket code as door staff read it out (any case, spaces, no dashes, O for 0) finds its registration."""
        found = super().search_queryset(queryset)
        code = canonical_code(self.search_query) if self.is_searching else None
        return (found | queryset.filter(code=code)) if code else found

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # One column per question of the events listed, after the fixed columns.
        self.questions = list(
            Question.objects.filter(event_id__in=queryset.order_by().values("event_id"))
            .select_related("event")
            .order_by("event_id", "sort_order", "pk")
        )
        several_events = len({question.event_id for question in self.questions}) > 1
        self.list_export = [*self.list_export, *(f"{ANSWER}{question.pk}" for question in self.questions)]
        self.export_headings = {
            **self.export_headings,
            **{
                f"{ANSWER}{question.pk}": f"{question.event.title} — {question.label}"
                if several_events
                else question.label
                for question in self.questions
            },
        }
        return super().as_spreadsheet(queryset.prefetch_related("answers"), spreadsheet_format)

    def to_row_dict(self, item):
        kinds = {question.pk: question.kind for question in self.questions}
        answers = {answer.question_id: answer.value for answer in item.answers.all()}
        row = OrderedDict()
        for field in self.list_export:
            if field.startswith(ANSWER):
                question_id = int(field.removeprefix(ANSWER))
                row[field] = _answer_text(answers.get(question_id, ""), kinds.get(question_id))
            elif field in COMPUTED_EXPORT:
                row[field] = COMPUTED_EXPORT[field](item)
            else:
                row[field] = self.export_field_value(item, field)
        return row


def _answer_text(value: str, kind: str | None) -> str:
    if kind == Question.Kind.YES_NO and value in ("yes", "no"):
        return str(_("Yes") if value == "yes" else _("No"))
    return value


class RegistrationViewSet(ModelViewSet):
    model = Registration
    icon = "clipboard-list"
    menu_label = _("Registrations")
    index_view_class = RegistrationIndexView
    list_display = [
        "attendee_name",
        Column("attendee_email", label=_("E-mail")),
        Column("company_display", label=_("Company")),
        Column("event", label=_("Event")),
        Column("ticket_type", label=_("Ticket")),
        "status",
        LocalDateColumn("checked_in_at", _("Checked in")),
        LocalDateColumn("created_at", _("Registered")),
    ]
    filterset_class = RegistrationFilterSet
    search_fields = [
        "attendee_name",
        "attendee_email",
        "company_name",
        "organisation__legal_name",
        "organisation__trade_name",
        "code",
    ]
    search_backend_name = None
    list_export = [
        "attendee_name",
        "attendee_email",
        "company",
        "event.title",
        "ticket_type.name",
        "status_label",
        "price_mad",
        "created_at",
        "confirmed_at",
        "checked_in_at",
        "checked_in_by_name",
        "language",
        "code",
    ]
    export_headings = {
        "company": _("Company"),
        "event.title": _("Event"),
        "ticket_type.name": _("Ticket"),
        "status_label": _("Status"),
        "price_mad": _("Price (MAD)"),
        "checked_in_by_name": _("Checked in by"),
    }
    export_filename = "registrations"
    ordering = ["-created_at"]
    form_fields = ["attendee_name"]  # never rendered: adding and editing are events.admin_views

    def get_urlpatterns(self):
        replaced = {"add", "edit", "delete", "usage"}
        return [
            *(pattern for pattern in super().get_urlpatterns() if pattern.name not in replaced),
            path("new/", admin_views.registration_add, name="add"),
            path("edit/<int:pk>/", admin_views.registration_manage, name="edit"),
            path("event/<int:event_id>/", admin_views.event_overview, name="event"),
            path("event/<int:event_id>/message/", admin_views.event_message, name="message"),
            path("event/<int:event_id>/badges.pdf", admin_views.event_badges, name="badges"),
        ]


# --- Tickets, questions, settings ----------------------------------------------------------------------------


class EventInitialMixin:
    """The "add" links of an event's overview carry ?event=<id>: the form opens with that event chosen."""

    def get_initial(self):
        initial = super().get_initial()
        event = self.request.GET.get("event", "")
        if event.isdigit() and EventPage.objects.filter(pk=event).exists():
            initial["event"] = int(event)
        return initial


class SeatsChangedMixin:
    """After a capacity or quota is saved (perhaps raised), free seats are offered to the waitlist at once."""

    def save_instance(self):
        instance = super().save_instance()
        waitlist_offer_seats(event=EventPage.objects.get(pk=instance.event_id))
        return instance


class TicketTypeCreateView(EventInitialMixin, SeatsChangedMixin, generic.CreateView):
    pass


class TicketTypeEditView(SeatsChangedMixin, generic.EditView):
    pass


class SettingsCreateView(EventInitialMixin, SeatsChangedMixin, generic.CreateView):
    pass


class SettingsEditView(SeatsChangedMixin, generic.EditView):
    pass


class QuestionCreateView(EventInitialMixin, generic.CreateView):
    pass


class EventFilterSet(WagtailFilterSet):
    event = EventFilter(label=_("Event"), queryset=one_per_event())


class TicketTypeFilterSet(EventFilterSet):
    class Meta:
        model = TicketType
        fields = ["event", "is_active"]


class QuestionFilterSet(EventFilterSet):
    class Meta:
        model = Question
        fields = ["event", "kind", "required"]


class TicketTypeViewSet(OneEntryPerEventMixin, MoneyFieldsMixin, ModelViewSet):
    model = TicketType
    icon = "tag"
    menu_label = _("Ticket types")
    index_view_class = ExportIndexView
    add_view_class = TicketTypeCreateView
    edit_view_class = TicketTypeEditView
    list_display = [
        "name",
        Column("event", label=_("Event")),
        MoneyColumn("member_price", _("Member price")),
        MoneyColumn("non_member_price", _("Non-member price")),
        "quota",
        YesNoColumn("is_active", model=TicketType),
    ]
    money_fields = ("member_price", "non_member_price")
    filterset_class = TicketTypeFilterSet
    search_fields = ["name", "name_en", "name_ar", "event__title"]
    search_backend_name = None
    list_export = [
        "event.title",
        "name",
        "member_price_mad",
        "non_member_price_mad",
        "quota",
        "sales_start_local",
        "sales_end_local",
    ]
    export_headings = {
        "event.title": _("Event"),
        "member_price_mad": _("Member price (MAD)"),
        "non_member_price_mad": _("Non-member price (MAD)"),
    }
    export_filename = "ticket-types"
    form_fields = [
        "event",
        "name",
        "name_en",
        "name_ar",
        "member_price",
        "non_member_price",
        "quota",
        "sales_start_local",
        "sales_end_local",
        "sort_order",
        "is_active",
    ]


class QuestionViewSet(OneEntryPerEventMixin, ModelViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    add_view_class = QuestionCreateView
    list_display = ["label", Column("event", label=_("Event")), "kind", YesNoColumn("required", model=Question)]
    filterset_class = QuestionFilterSet
    search_fields = ["label", "label_en", "label_ar", "event__title"]
    search_backend_name = None
    form_fields = [
        "event",
        "label",
        "label_en",
        "label_ar",
        "kind",
        "choices",
        "choices_en",
        "choices_ar",
        "required",
        "sort_order",
    ]


class RegistrationSettingsViewSet(OneEntryPerEventMixin, ModelViewSet):
    model = RegistrationSettings
    icon = "cog"
    menu_label = _("Registration settings")
    add_view_class = SettingsCreateView
    edit_view_class = SettingsEditView
    list_display = [
        Column("event", label=_("Event")),
        YesNoColumn("is_open", model=RegistrationSettings),
        "capacity",
        YesNoColumn("waitlist_enabled", model=RegistrationSettings),
    ]
    list_filter = ["is_open"]
    search_fields = ["event__title"]
    search_backend_name = None
    form_fields = [
        "event",
        "is_open",
        "capacity",
        "payment_deadline_hours",
        "cancellation_deadline_local",
        "refund_rule",
        "waitlist_enabled",
        "waitlist_offer_hours",
    ]


# --- Waitlist ------------------------------------------------------------------------------------------------


class WaitlistFilterSet(WagtailFilterSet):
    event = EventFilter(label=_("Event"), queryset=events_with_registration())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=WaitlistEntry.Status.choices)

    class Meta:
        model = WaitlistEntry
        fields = ["event", "status"]


class WaitlistIndexView(SpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("event", "ticket_type", "organisation")
        # The menu opens on the people still waiting or holding an offer; choosing a status shows the others.
        if "status" not in self.request.GET:
            queryset = queryset.filter(Q(status=WaitlistEntry.Status.WAITING) | Q(status=WaitlistEntry.Status.OFFERED))
        return queryset


class WaitlistViewSet(ModelViewSet):
    model = WaitlistEntry
    icon = "time"
    menu_label = _("Waitlist")
    index_view_class = WaitlistIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        Column("email", label=_("E-mail")),
        Column("event", label=_("Event")),
        Column("ticket_type", label=_("Ticket")),
        "status",
        LocalDateColumn("created_at", _("Joined")),
        LocalDateColumn("offer_expires_at", _("Offer expires")),
    ]
    filterset_class = WaitlistFilterSet
    search_fields = ["name", "email", "company_name", "organisation__legal_name"]
    search_backend_name = None
    list_export = ["name", "email", "company_name", "event.title", "ticket_type.name", "status", "created_at"]
    export_headings = {"event.title": _("Event"), "ticket_type.name": _("Ticket")}
    export_filename = "waitlist"
    ordering = ["created_at"]
    form_fields = ["name"]  # read-only: the policy refuses changes


class EventsViewSetGroup(SnippetViewSetGroup):
    """The "Events" admin menu (speakers are snippets, so that event pages can choose them)."""

    items = (
        EventsHomeViewSet("events_home"),
        RegistrationViewSet("events_registrations"),
        WaitlistViewSet("events_waitlist"),
        TicketTypeViewSet("events_ticket_types"),
        QuestionViewSet("events_questions"),
        RegistrationSettingsViewSet("events_registration_settings"),
        SpeakerViewSet,
    )
    menu_label = _("Events")
    menu_icon = "date"
    menu_order = 300
