"""Registration pages: register (oneself, as a guest, or a colleague), a registration and its cancellation,
"My registrations", and the waitlist's claim and leave links. Thin: a form, one service, a redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.views import domain_error_to_form
from events import registration_selectors as selectors
from events.access import manages_registrations
from events.forms import ClaimForm, RegistrationForm
from events.models import EventPage, Question, Registration, RegistrationSettings, WaitlistEntry
from events.services import (
    CancellationClosed,
    EventFull,
    InvalidAnswers,
    NotCancellable,
    RegistrationError,
    can_manage,
    cancellation_deadline,
    registration_cancel,
    registration_create,
    waitlist_claim,
    waitlist_join,
    waitlist_leave,
)
from events.services.attendees import is_current_member
from payments.access import can_view_order, remember_guest_order

# Registrations a guest made in this browser session: they may see those (and only those) without logging in.
GUEST_SESSION_KEY = "events_guest_registrations"


def _event_or_404(event_id: int) -> EventPage:
    event = EventPage.objects.live().public().filter(pk=event_id).first()
    if event is None:
        raise Http404
    return event


def _language() -> str:
    return (get_language() or "fr")[:2]


def _remember_for_guest(request, registration: Registration) -> None:
    codes = request.session.get(GUEST_SESSION_KEY, [])
    request.session[GUEST_SESSION_KEY] = [*codes[-19:], registration.code]


def _after_registration(request, registration: Registration):
    """Paid: straight to the order, to pay it there and then (a guest too: this browser session may pay it,
    payments.access); otherwise the registration's page."""
    guest = not request.user.is_authenticated
    if guest or not can_manage(request.user, registration):
        _remember_for_guest(request, registration)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("Your registration is confirmed. A confirmation e-mail is on its way."))
    else:
        messages.info(
            request,
            _("Your place is reserved until %(date)s. Pay before then to confirm it.")
            % {"date": timezone.localtime(registration.expires_at).strftime("%d/%m/%Y %H:%M")},
        )
        order = registration.order
        if order is not None and guest:
            remember_guest_order(request, order)
        if order is not None and (guest or can_view_order(request.user, order)):
            return redirect("payments:order_detail", public_id=order.public_id)
    return redirect("events:registration_detail", code=registration.code)


def _register_page(request, event, *, colleague: bool):
    affiliations = selectors.affiliations_of(request.user)
    administered = [a for a in affiliations if a.is_admin]
    if colleague and not administered:
        raise Http404
    panel = selectors.registration_panel(event=event, user=request.user, affiliations=affiliations)
    event = panel.event or event  # a translation or alias registers for the page that holds the tickets
    if not colleague and panel.registration is not None:
        messages.info(request, _("You are already registered for this event."))
        return redirect("events:registration_detail", code=panel.registration.code)
    questions = list(Question.objects.filter(event=event))
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        tickets=panel.tickets,
        questions=questions,
        user=request.user,
        affiliations=affiliations,
        colleague_of=administered if colleague else (),
        # A ticket chosen on the event page; otherwise the form picks the only one there is.
        initial={"ticket": request.GET["ticket"]} if request.GET.get("ticket") else {},
    )
    status, waitlist_offered = 200, False
    if request.method == "POST":
        status = 400
        if form.is_valid():
            result = _submit(request, event, form)
            if not isinstance(result, tuple):
                return result
            status, waitlist_offered = result
    context = {
        "event": event,
        "panel": panel,
        "form": form,
        "colleague": colleague,
        "waitlist_offered": waitlist_offered,
    }
    return render(request, "events/registration/register.html", context, status=status)


def _submit(request, event, form):
    data = form.cleaned_data
    offer = form.offers.get(data["ticket"])
    ticket_type = offer.ticket if offer else None
    user = data.get("user") if form.mode == "colleague" else (request.user if form.mode == "self" else None)
    email = form.user_email if form.mode == "self" else data["attendee_email"]
    language = user.preferred_language[:2] if user is not None and form.mode == "colleague" else _language()
    registered_by = request.user if request.user.is_authenticated else None
    try:
        if "join_waitlist" in request.POST and form.mode != "colleague":
            entry = waitlist_join(
                event=event,
                ticket_type=ticket_type,
                name=data["attendee_name"],
                email=email,
                user=user,
                organisation=form.organisation,
                company_name=data.get("company_name", ""),
                language=language,
            )
            messages.success(request, _("You are on the waitlist. We will e-mail you as soon as a seat is free."))
            return redirect("events:waitlist", token=entry.token)
        registration = registration_create(
            event=event,
            ticket_type=ticket_type,
            attendee_name=data["attendee_name"],
            attendee_email=email,
            user=user,
            organisation=form.organisation,
            company_name=data.get("company_name", ""),
            language=language,
            answers=form.answers(),
            registered_by=registered_by,
        )
    except InvalidAnswers as error:
        form.add_answer_errors(error.errors)
        return 400, False
    except EventFull as error:
        form.add_error(None, error.message)
        return error.status_code, error.waitlist and form.mode != "colleague"
    except RegistrationError as error:
        return domain_error_to_form(form, error), False
    return _after_registration(request, registration)


@require_http_methods(["GET", "POST"])
def register(request, event_id: int):
    """Register oneself (logged in) or as a guest (anonymous); members-only events ask guests to log in."""
    event = _event_or_404(event_id)
    if event.members_only and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _register_page(request, event, colleague=False)


@login_required
@require_http_methods(["GET", "POST"])
def register_colleague(request, event_id: int):
    """A company administrator registers a colleague, at the price their company's membership gives."""
    return _register_page(request, _event_or_404(event_id), colleague=True)


def _registration_for_viewer(request, code: str) -> Registration:
    if code in request.session.get(GUEST_SESSION_KEY, []):
        registration = Registration.objects.select_related("event", "ticket_type", "order").filter(code=code).first()
        if registration is not None:
            return registration
    return selectors.registration_for_manager(code=code, user=request.user)


def _cancel_refusal(user, registration: Registration, deadline) -> RegistrationError | None:
    """Why this person may not cancel the registration they manage now, as the service would refuse it."""
    if not registration.holds_seat:
        return NotCancellable()
    if not manages_registrations(user) and deadline is not None and timezone.now() >= deadline:
        return CancellationClosed()
    return None


def _detail(request, registration: Registration, *, status: int = 200, error: str = ""):
    deadline = cancellation_deadline(registration)
    can_cancel = (
        can_manage(request.user, registration) and _cancel_refusal(request.user, registration, deadline) is None
    )
    context = {
        "registration": registration,
        "event": registration.event,
        "answers": registration.answers.select_related("question"),
        "can_cancel": can_cancel,
        "cancellation_deadline": deadline,
        "can_pay": registration.status == Registration.Status.RESERVED
        and registration.order_id is not None
        and registration.order.is_payable,
        "error": error,
    }
    return render(request, "events/registration/detail.html", context, status=status)


@require_GET
def registration_detail(request, code: str):
    """One registration: to the attendee, whoever registered them, their company's administrators, the
    secretariat, and to a guest in the browser session they registered from."""
    return _detail(request, _registration_for_viewer(request, code))


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel_view(request, code: str):
    """GET asks to confirm, saying what becomes of the seat and of the money paid (a page, no script needed);
    only the POST of its "Yes, cancel" button cancels."""
    registration = selectors.registration_for_manager(code=code, user=request.user)
    if request.method == "GET":
        deadline = cancellation_deadline(registration)
        refusal = _cancel_refusal(request.user, registration, deadline)
        if refusal is not None:
            return _detail(request, registration, status=refusal.status_code, error=refusal.message)
        context = {
            "registration": registration,
            "event": registration.event,
            "outcome": selectors.cancellation_outcome(registration),
            "cancellation_deadline": deadline,
        }
        return render(request, "events/registration/cancel.html", context)
    try:
        registration_cancel(registration=registration, by=request.user)
    except RegistrationError as error:
        return _detail(request, registration, status=error.status_code, error=error.message)
    messages.success(request, _("The registration is cancelled."))
    return redirect("events:registration_detail", code=registration.code)


@login_required
@require_GET
def my_registrations(request):
    """The registrations a person manages, and their own places on waitlists with their position in the queue."""
    return render(
        request,
        "events/registration/my_registrations.html",
        {
            "registrations": selectors.my_registrations(user=request.user),
            "waitlist_entries": selectors.waitlist_entries_of(user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def waitlist(request, token: str):
    """A place on the waitlist, from the link in its e-mail or "My registrations": its status and position; leaving
    asks to confirm first (`?leave`), and only the POST of that confirmation leaves."""
    entry = selectors.waitlist_entry_by_token(token=token)
    if request.method == "POST":
        entry = waitlist_leave(entry=entry)
        messages.success(request, _("You have left the waitlist."))
        return redirect("events:waitlist", token=entry.token)
    is_waiting = entry.status == WaitlistEntry.Status.WAITING
    position, waiting_total = selectors.waitlist_position(entry) if is_waiting else (None, None)
    context = {
        "entry": entry,
        "event": entry.event,
        "position": position,
        "waiting_total": waiting_total,
        "confirm_leave": "leave" in request.GET
        and entry.status in (WaitlistEntry.Status.WAITING, WaitlistEntry.Status.OFFERED),
    }
    return render(request, "events/registration/waitlist.html", context)


@require_http_methods(["GET", "POST"])
def waitlist_claim_view(request, token: str):
    """Take the seat offered: one button (and the event's questions, if any). A GET never claims, so that
    mail scanners opening the link change nothing."""
    entry = selectors.waitlist_entry_by_token(token=token)
    live = entry.status == WaitlistEntry.Status.OFFERED and entry.offer_expires_at > timezone.now()
    tickets = []
    if live and entry.ticket_type is None:
        settings = RegistrationSettings.objects.filter(event=entry.event).first()
        is_member = is_current_member(entry.organisation)
        tickets = selectors.ticket_offers(event=entry.event, settings=settings, is_member=is_member)
    form = ClaimForm(
        request.POST if request.method == "POST" else None,
        questions=Question.objects.filter(event=entry.event),
        tickets=tickets,
    )
    status = 200 if live else 410
    if request.method == "POST" and live:
        status = 400
        if form.is_valid():
            ticket_pk = form.cleaned_data.get("ticket")
            ticket_type = next((offer.ticket for offer in tickets if offer.ticket.pk == ticket_pk), None)
            try:
                registration = waitlist_claim(entry=entry, answers=form.answers(), ticket_type=ticket_type)
            except InvalidAnswers as error:
                form.add_answer_errors(error.errors)
            except RegistrationError as error:
                status = domain_error_to_form(form, error)
            else:
                return _after_registration(request, registration)
    context = {"entry": entry, "event": entry.event, "form": form, "live": live}
    return render(request, "events/registration/claim.html", context, status=status)
