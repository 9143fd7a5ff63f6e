"""The secretariat's event screens that are more than a listing: every event with its links and counts (the
"Events" menu's home), an event's registrations at a glance, the manual registration, a registration's page with
its actions (another ticket, another person, cancel, check in), the message to all attendees, and the sheet of
badges. Mounted under the registrations viewset, the home under its own (events.viewsets).

Each screen checks the Registration permission it needs; each write is one service call.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms.search import SearchForm

from core.views import domain_error_message, domain_error_to_form
from events import admin_selectors, checkin
from events.admin_forms import (
    CancelForm,
    ChangeTicketForm,
    EventChoiceForm,
    ManualRegistrationForm,
    MessageForm,
    TransferForm,
)
from events.admin_permissions import RegistrationPermissionPolicy
from events.attendee_messages import audience_counts, event_message_attendees
from events.badges import render_badges_pdf
from events.checkin import event_registrations, registration_check_in
from events.models import EventPage, Registration
from events.services import (
    InvalidAnswers,
    RegistrationError,
    registration_cancel,
    registration_change_ticket,
    registration_create,
    registration_transfer,
)

policy = RegistrationPermissionPolicy(Registration)
URL = "events_registrations"


def _require(request, action: str) -> None:
    if not policy.user_has_permission(request.user, action):
        raise PermissionDenied


def _render(request, template: str, context: dict, *, status: int = 200, icon: str = "clipboard-list"):
    return TemplateResponse(request, template, {"header_icon": icon, **context}, status=status)


def _event(event_id: int) -> EventPage:
    return get_object_or_404(EventPage, pk=event_id)


# --- Every event -----------------------------------------------------------------------------------------------

EVENTS_PER_PAGE = 25


def events_home(request):
    """Every event, upcoming first then past, with its confirmed and checked-in counts and the ways in: its
    registrations, its check-in page and its badges. Searchable by title; two queries per page (count, slice)."""
    _require(request, "view")
    search_form = SearchForm(request.GET or None, placeholder=_("Search events by title"))
    search = search_form.cleaned_data["q"].strip() if search_form.is_valid() else ""
    paginator = Paginator(admin_selectors.events_listing(search=search), EVENTS_PER_PAGE)
    events = paginator.get_page(request.GET.get("p"))
    context = {
        "page_title": _("Events"),
        "search_form": search_form,
        "search": search,
        "events": events,
        "elided_page_range": paginator.get_elided_page_range(events.number, on_each_side=2, on_ends=1),
        "can_check_in": checkin.can_check_in(request.user),
    }
    return _render(request, "events/admin/events_home.html", context, icon="date")


# --- An event's registrations --------------------------------------------------------------------------------


def event_overview(request, event_id: int):
    """Seats, tickets, arrivals and waitlist of one event, with every action the secretariat takes on it."""
    _require(request, "view")
    event = _event(event_id)
    context = {
        "page_title": event.title,
        "page_subtitle": _("Registrations"),
        "event": event,
        "summary": admin_selectors.event_summary(event=event),
        "can_change": policy.user_has_permission(request.user, "change"),
        "can_add": policy.user_has_permission(request.user, "add"),
    }
    return _render(request, "events/admin/event_overview.html", context)


def event_badges(request, event_id: int):
    """Every confirmed attendee's badge, eight to an A4 page, in alphabetical order."""
    _require(request, "view")
    event = _event(event_id)
    registrations = (
        event_registrations(event)
        .confirmed()
        .select_related("event", "ticket_type", "organisation")
        .order_by("attendee_name", "pk")
    )
    response = HttpResponse(render_badges_pdf(registrations, title=event.title), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badges-{event.slug}.pdf"'
    return response


def event_message(request, event_id: int):
    """Write once to the people of an event the secretariat chooses (confirmed, awaiting payment, waitlist), in
    the language it writes in: one e-mail per address, sent in the background."""
    _require(request, "change")
    event = _event(event_id)
    form = MessageForm(request.POST or None, counts=audience_counts(event))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                count = event_message_attendees(
                    event=event,
                    subject=data["subject"],
                    body=data["body"],
                    audiences=data["audiences"],
                    language=data["language"],
                    by=request.user,
                )
            except RegistrationError as error:
                status = domain_error_to_form(form, error)
            else:
                message = ngettext(
                    "Your message is on its way to %(count)d person.",
                    "Your message is on its way to %(count)d people.",
                    count,
                )
                messages.success(request, message % {"count": count})
                return redirect(f"{URL}:event", event_id=event.pk)
    context = {
        "page_title": _("Message attendees"),
        "page_subtitle": event.title,
        "event": event,
        "form": form,
    }
    return _render(request, "events/admin/event_message.html", context, status=status, icon="mail")


# --- Manual registration ---------------------------------------------------------------------------------------


def registration_add(request):
    """Register someone for an event: first choose the event (a GET form), then fill in the person."""
    _require(request, "add")
    choice = EventChoiceForm(request.GET if "event" in request.GET else None)
    if not choice.is_valid():
        context = {"page_title": _("Register someone"), "form": choice}
        return _render(request, "events/admin/choose_event.html", context, status=400 if choice.is_bound else 200)
    event = choice.cleaned_data["event"]
    form = ManualRegistrationForm(request.POST or None, event=event, initial={"language": "fr"})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                registration = registration_create(
                    event=event,
                    ticket_type=data["ticket_type"],
                    attendee_name=data["attendee_name"],
                    attendee_email=data["attendee_email"],
                    organisation=data["organisation"],
                    company_name=data["company_name"],
                    language=data["language"],
                    answers=form.answers(),
                    registered_by=request.user,
                    by_secretariat=True,
                )
            except InvalidAnswers as error:
                form.add_answer_errors(error.errors)
            except RegistrationError as error:
                status = domain_error_to_form(form, error)
            else:
                messages.success(request, _("%(name)s is registered.") % {"name": registration.attendee_name})
                return redirect(f"{URL}:edit", pk=registration.pk)
    context = {"page_title": _("Register someone"), "page_subtitle": event.title, "event": event, "form": form}
    return _render(request, "events/admin/registration_add.html", context, status=status)


# --- One registration ------------------------------------------------------------------------------------------

ACTIONS = ("change_ticket", "transfer", "cancel", "check_in")


def registration_manage(request, pk: int):
    """A registration's details and answers, with the secretariat's actions on it."""
    _require(request, "view")
    registration = get_object_or_404(
        Registration.objects.select_related("event", "ticket_type", "organisation", "order", "checked_in_by"), pk=pk
    )
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None:
        _require(request, "change")
    forms = {
        "change_ticket": ChangeTicketForm(
            request.POST if action == "change_ticket" else None, registration=registration, prefix="ticket"
        ),
        "transfer": TransferForm(
            request.POST if action == "transfer" else None,
            prefix="transfer",
            initial={"language": registration.language},
        ),
        "cancel": CancelForm(request.POST if action == "cancel" else None, prefix="cancel"),
    }
    status = 200
    if action is not None:
        status, done = _act(request, registration, action, forms)
        if done:
            return redirect(f"{URL}:edit", pk=registration.pk)
    context = {
        "page_title": registration.attendee_name,
        "page_subtitle": registration.event.title,
        "registration": registration,
        "answers": registration.answers.select_related("question"),
        "forms": forms,
        "can_change": policy.user_has_permission(request.user, "change"),
        "history_url": reverse(f"{URL}:history", args=[registration.pk]),
    }
    return _render(request, "events/admin/registration_manage.html", context, status=status)


def _act(request, registration: Registration, action: str, forms: dict) -> tuple[int, bool]:
    """Run one action; (status, done). A refused action leaves its message on its form (or the page)."""
    form = forms.get(action)
    if action not in ACTIONS or (form is not None and not form.is_valid()):
        return 400, False
    try:
        if action == "change_ticket":
            registration_change_ticket(
                registration=registration, ticket_type=form.cleaned_data["ticket_type"], by=request.user
            )
            messages.success(request, _("The ticket is changed."))
        elif action == "transfer":
            registration_transfer(
                registration=registration,
                attendee_name=form.cleaned_data["attendee_name"],
                attendee_email=form.cleaned_data["attendee_email"],
                language=form.cleaned_data["language"],
                by=request.user,
            )
            messages.success(request, _("The registration now belongs to its new attendee, with a new ticket code."))
        elif action == "cancel":
            registration_cancel(registration=registration, by=request.user, refund=form.refund_choice())
            messages.success(
                request,
                _("The registration is cancelled; %(email)s is told by e-mail.")
                % {"email": registration.attendee_email},
            )
        else:
            registration_check_in(registration=registration, by=request.user)
            messages.success(request, _("Checked in."))
    except RegistrationError as error:
        if form is not None:
            return domain_error_to_form(form, error), False
        return domain_error_message(request, error), False
    return 200, True
