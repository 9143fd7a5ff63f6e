"""The door: the check-in page staff open on a phone, its live count, and the attendee's own badge.

The page works as a plain form (type the code, see who it is, mark them present); static/js/checkin.js adds the
camera scanner and the live count, and submits the same forms in the background so the camera keeps running.
"""

from functools import wraps

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from events import checkin, checkin_limits
from events.badges import render_badge_pdf
from events.models import EventPage, Registration
from events.registration_selectors import registration_for_manager


class CheckInForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Ticket code"), max_length=200, required=False)
    # Not "action": a control of that name would hide the form's own action attribute from scripts.
    step = forms.ChoiceField(choices=[("lookup", "lookup"), ("check_in", "check_in")], required=False)


def check_in_staff_required(view):
    """Anonymous visitors go to the login page; anyone logged in who may not check people in gets a 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not checkin.can_check_in(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _event(event_id: int) -> EventPage:
    return get_object_or_404(EventPage, pk=event_id)


@never_cache
@check_in_staff_required
@require_http_methods(["GET", "POST"])
def check_in(request, event_id: int):
    """Look a ticket up by its code, then mark its holder present (two steps, so that a wrong scan changes
    nothing). Errors answer 4xx with the reason, and the attendee's name when the ticket was found; too many
    unknown codes answer 429 (events.checkin_limits)."""
    event = _event(event_id)
    form = CheckInForm(request.POST or None)
    result, status = {}, 200
    if request.method == "POST" and not form.is_valid():
        status = 400
    elif request.method == "POST":
        code = form.cleaned_data["code"]
        try:
            registration = checkin_limits.limited_checkin_lookup(event=event, code=code, user=request.user)
            if form.cleaned_data["step"] == "check_in":
                registration = checkin.registration_check_in(registration=registration, by=request.user, event=event)
                result = {"registration": registration, "checked_in": True}
                form = CheckInForm()  # ready for the next ticket
            else:
                result = {"registration": registration}
        except checkin.CheckInError as error:
            result = {"registration": error.registration, "error": error.message, "level": _level(error)}
            status = error.status_code
    context = {
        "event": event,
        "form": form,
        "result": result,
        "arrivals": checkin.arrivals(event=event),
        "recent": checkin.recent_arrivals(event=event),
    }
    return render(request, "events/checkin/check_in.html", context, status=status)


def _level(error: checkin.CheckInError) -> str:
    return "warning" if isinstance(error, checkin.AlreadyCheckedIn) else "error"


@never_cache
@check_in_staff_required
@require_GET
def check_in_count(request, event_id: int):
    """The live count the check-in page polls: {"checked_in": N, "confirmed": M}."""
    counts = checkin.arrivals(event=_event(event_id))
    return JsonResponse({"checked_in": counts.checked_in, "confirmed": counts.confirmed})


@require_GET
def registration_badge(request, code: str):
    """A confirmed attendee's badge as PDF: for them, whoever registered them, their company's administrators
    and the secretariat (the same people who see the registration); 404 for anyone else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = registration_for_manager(code=code, user=request.user)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404(_("Only a confirmed registration has a badge."))
    response = HttpResponse(render_badge_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badge-{registration.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
