"""B2B meetings at an event, for participants: opt in, browse the others, request, answer, see the agenda.

Each view finds the person's own profile or request through the meetings selectors, which return nothing for anyone
else: a request between two other people answers 404 on every URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import domain_error_message, domain_error_to_form
from partnerships.meetings import selectors, services
from partnerships.meetings.agenda_pdf import render_agenda_pdf
from partnerships.meetings.forms import MeetingRequestForm

PAGE_SIZE = 20


def _session(pk: int):
    session = selectors.session_by_pk(pk)
    if session is None:
        raise Http404
    return session


def _profile(session, user):
    profile = selectors.profile_of(session=session, user=user)
    if profile is None:
        raise Http404
    return profile


@login_required
@require_GET
def session_home(request, pk):
    """The session at a glance: opt in if not yet; else the requests received and sent, and the agenda link."""
    session = _session(pk)
    profile = selectors.profile_of(session=session, user=request.user)
    context = {"session": session, "event": session.event, "profile": profile}
    if profile is None:
        context["registered"] = services.confirmed_registration(session=session, user=request.user) is not None
        return render(request, "partnerships/meetings/join.html", context)
    context["mine"] = selectors.requests_of(profile)
    context["accepts_requests"] = session.accepts_requests()
    return render(request, "partnerships/meetings/session.html", context)


@login_required
@require_POST
def join(request, pk):
    session = _session(pk)
    try:
        services.meeting_profile_create(session=session, user=request.user)
    except services.MeetingError as error:
        domain_error_message(request, error)
        return redirect("partnerships:meeting_session", pk=pk)
    messages.success(request, _("You take part in the B2B meetings: browse the participants and send requests."))
    return redirect("partnerships:meeting_participants", pk=pk)


@login_required
@require_GET
def participants(request, pk):
    session = _session(pk)
    profile = _profile(session, request.user)
    paginator = Paginator(selectors.participants(session=session, exclude=profile), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "session": session,
        "event": session.event,
        "profile": profile,
        "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number),
        "accepts_requests": session.accepts_requests(),
    }
    return render(request, "partnerships/meetings/participants.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request, pk, profile_pk):
    session = _session(pk)
    profile = _profile(session, request.user)
    recipient = selectors.participants(session=session, exclude=profile).filter(pk=profile_pk).first()
    if recipient is None:
        raise Http404
    form = MeetingRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.meeting_request_send(
                    requester=profile, recipient=recipient, message=form.cleaned_data["message"], by=request.user
                )
            except services.MeetingError as error:
                domain_error_to_form(form, error)
            else:
                messages.success(request, _("Your request was sent to %(name)s.") % {"name": recipient.name})
                return redirect("partnerships:meeting_session", pk=pk)
    context = {"session": session, "event": session.event, "recipient": recipient, "form": form}
    return render(request, "partnerships/meetings/request_form.html", context, status=status)


@login_required
@require_GET
def request_detail(request, pk):
    meeting = selectors.request_for(pk=pk, user=request.user)
    if meeting is None:
        raise Http404
    mine = meeting.requester if meeting.requester.user_id == request.user.pk else meeting.recipient
    context = {
        "meeting": meeting,
        "session": meeting.session,
        "event": meeting.session.event,
        "other": meeting.other(mine),
        "can_answer": mine.pk == meeting.recipient_id and meeting.shown_status() == meeting.Status.PENDING,
    }
    return render(request, "partnerships/meetings/request_detail.html", context)


@login_required
@require_POST
def request_action(request, pk, action):
    meeting = selectors.request_for(pk=pk, user=request.user)
    if meeting is None:
        raise Http404
    answers = {
        "accept": (services.meeting_request_accept, _("Meeting accepted.")),
        "decline": (services.meeting_request_decline, _("Request declined.")),
    }
    if action not in answers:
        raise Http404
    service, success = answers[action]
    try:
        service(request=meeting, by=request.user)
    except services.MeetingError as error:
        domain_error_message(request, error)
        return redirect("partnerships:meeting_request", pk=pk)
    if action == "accept" and not meeting.is_scheduled:
        success = _("Meeting accepted. No common free slot yet: the secretariat will place it.")
    messages.success(request, success)
    return redirect("partnerships:meeting_request", pk=pk)


@login_required
@require_GET
def agenda(request, pk):
    session = _session(pk)
    profile = _profile(session, request.user)
    context = {
        "session": session,
        "event": session.event,
        "profile": profile,
        "meetings": selectors.agenda_of(profile),
        "unplaced": selectors.accepted_unplaced_of(profile),
    }
    return render(request, "partnerships/meetings/agenda.html", context)


@login_required
@require_GET
def agenda_pdf(request, pk):
    session = _session(pk)
    profile = _profile(session, request.user)
    response = HttpResponse(render_agenda_pdf(profile, selectors.agenda_of(profile)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agenda-b2b-{session.event.slug}.pdf"'
    return response
