"""Calendar files: one event's .ics, the public feed, the personal feed, and resetting its address.

Feeds are read by calendar clients that cannot log in: the public feed shows only what the site shows anyone,
and the personal feed's secret token is its only key.
"""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events.calendars import event_ics, events_feed_ics, items_ics
from events.feeds import (
    calendar_feed_token_reset,
    feed_owner,
    is_event_type,
    personal_feed_items,
    public_feed_events,
)
from events.models import EventPage, EventType
from members.models import User

# Calendar clients poll feeds; an hour keeps them fresh enough and spares the server.
PUBLIC_MAX_AGE = 60 * 60
PERSONAL_MAX_AGE = 15 * 60


@require_GET
def event_calendar(request, pk: int):
    """The .ics file of one event, as the event page's "Add to calendar" button offers it."""
    event = get_object_or_404(EventPage.objects.live().public().select_related("calendar_state"), pk=pk)
    response = _calendar_response(request, event_ics(event), max_age=PUBLIC_MAX_AGE)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_GET
def public_feed(request):
    """Every public event (upcoming, and those of the last 90 days), optionally of one type: `?type=workshop`."""
    event_type = request.GET.get("type", "")
    if event_type and not is_event_type(event_type):
        return HttpResponseBadRequest(
            _("Unknown event type. Use one of: %(types)s.") % {"types": ", ".join(EventType.values)},
            content_type="text/plain; charset=utf-8",
        )
    events = public_feed_events(event_type=event_type or None)
    name = _("Events")
    if event_type:
        name = f"{name} · {EventType(event_type).label}"
    return _calendar_response(request, events_feed_ics(events, name=name), max_age=PUBLIC_MAX_AGE)


@require_GET
def personal_feed(request, token: str):
    """A person's own calendar: the events they are registered for, and what other apps add for them."""
    user = feed_owner(token)
    if user is None:
        raise Http404
    body = items_ics(personal_feed_items(user), name=_("My events"))
    response = _calendar_response(request, body, max_age=PERSONAL_MAX_AGE, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@require_POST
def personal_feed_reset(request):
    """Create the person's feed address, or replace it (the old one stops working)."""
    user = User.objects.get(pk=request.user.pk)
    had_one = hasattr(user, "calendar_feed_token")
    calendar_feed_token_reset(user=user)
    if had_one:
        messages.success(
            request, _("Your calendar has a new address. Subscribe again with it: the old one no longer works.")
        )
    else:
        messages.success(request, _("Your calendar address is ready. Add it to your calendar application."))
    return redirect(reverse("members:dashboard") + "#calendar")


def _calendar_response(request, body: bytes, *, max_age: int, private: bool = False) -> HttpResponse:
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    not_modified = get_conditional_response(request, etag=etag)
    response = not_modified or HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    if private:
        patch_cache_control(response, private=True, max_age=max_age)
    else:
        patch_cache_control(response, public=True, max_age=max_age)
    return response
