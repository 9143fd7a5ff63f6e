"""The secretariat's B2B meetings in the admin (under the "Board" menu): brokerage sessions (settings, and an
organiser's overview with figures, table plan, the scheduler and a CSV export), and every meeting, each movable
by hand to another free slot and table."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.exports import csv_response
from core.views import domain_error_to_form
from events.admin_forms import OneEntryPerEventMixin
from partnerships.meetings import selectors, services
from partnerships.meetings.forms import BreaksField, MoveForm
from partnerships.models import BrokerageSession, MeetingRequest

session_policy = ModelPermissionPolicy(BrokerageSession)
meeting_policy = ModelPermissionPolicy(MeetingRequest)


def _require(policy, request, action: str) -> None:
    if not policy.user_has_permission(request.user, action):
        raise PermissionDenied


def _session(pk: int) -> BrokerageSession:
    return get_object_or_404(BrokerageSession.objects.select_related("event"), pk=pk)


def session_overview(request, pk: int):
    """Requests, acceptance rate, meetings per slot and the table plan, with the scheduler and the export."""
    _require(session_policy, request, "view")
    session = _session(pk)
    context = {
        "header_icon": "group",
        "page_title": _("B2B meetings"),
        "page_subtitle": session.event.title,
        "session": session,
        "summary": selectors.session_summary(session),
        "tables": range(1, session.tables + 1),
        "can_schedule": meeting_policy.user_has_permission(request.user, "change"),
    }
    return TemplateResponse(request, "partnerships/meetings/admin_overview.html", context)


def session_schedule(request, pk: int):
    """Run the scheduler over every accepted meeting not yet placed."""
    _require(meeting_policy, request, "change")
    session = _session(pk)
    if request.method != "POST":
        return redirect("partnerships_brokerage:overview", pk=pk)
    count = services.meetings_schedule(session=session, by=request.user)
    messages.success(
        request, ngettext("%(count)s meeting placed.", "%(count)s meetings placed.", count) % {"count": count}
    )
    return redirect("partnerships_brokerage:overview", pk=pk)


def session_export(request, pk: int):
    """Every meeting request of the session as CSV (one row each; placed ones with their time and table, in the
    event's zone)."""
    _require(session_policy, request, "view")
    session = _session(pk)
    headings = [
        _("Number"),
        _("Status"),
        _("Start"),
        _("End"),
        pgettext("meeting table", "Table"),
        _("From"),
        _("From company"),
        _("To"),
        _("To company"),
    ]
    meetings = session.requests.select_related("requester", "recipient").order_by("starts_at", "table", "pk")
    rows = (
        [
            meeting.pk,
            meeting.status_label,
            # The event's wall clock (a fair in Paris is planned in Paris time), without an offset.
            selectors.local(meeting.starts_at, session).replace(tzinfo=None) if meeting.starts_at else None,
            selectors.local(meeting.ends_at, session).time() if meeting.ends_at else None,
            meeting.table,
            meeting.requester.name,
            meeting.requester.company_name,
            meeting.recipient.name,
            meeting.recipient.company_name,
        ]
        for meeting in meetings
    )
    return csv_response(rows, filename=f"b2b-meetings-{session.event.slug}.csv", headings=headings)


def meeting_move(request, pk: int):
    """Place or move one accepted meeting by hand; a clash is refused with its reason and nothing changes."""
    _require(meeting_policy, request, "change")
    meeting = get_object_or_404(
        MeetingRequest.objects.select_related("session__event", "requester", "recipient"), pk=pk
    )
    session = meeting.session
    initial = {"slot": meeting.starts_at.isoformat() if meeting.starts_at else "", "table": meeting.table}
    form = MoveForm(request.POST or None, session=session, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.meeting_move(
                    meeting=meeting,
                    starts_at=form.cleaned_data["slot"],
                    table=form.cleaned_data["table"],
                    by=request.user,
                )
            except services.MeetingError as error:
                domain_error_to_form(form, error)
            else:
                messages.success(request, _("Meeting moved."))
                return redirect("partnerships_brokerage:overview", pk=session.pk)
    context = {
        "header_icon": "group",
        "page_title": _("Move a meeting"),
        "page_subtitle": str(meeting),
        "meeting": meeting,
        "session": session,
        "form": form,
    }
    return TemplateResponse(request, "partnerships/meetings/admin_move.html", context, status=status)


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event")


class BrokerageSessionViewSet(OneEntryPerEventMixin, ModelViewSet):
    model = BrokerageSession
    icon = "group"
    menu_label = gettext_lazy("B2B meetings")
    index_view_class = SessionIndexView
    list_display = [
        Column("event", label=gettext_lazy("Event")),
        "request_deadline",
        "tables",
        "slot_minutes",
        TitleColumn(
            "overview",
            label=gettext_lazy("Overview"),
            accessor=lambda session: _("Requests and table plan"),
            get_url=lambda session: reverse("partnerships_brokerage:overview", args=[session.pk]),
        ),
    ]
    form_fields = [
        "event",
        "is_open",
        "slot_minutes",
        "day_start",
        "day_end",
        "breaks",
        "tables",
        "cap",
        "request_deadline_local",
    ]
    ordering = ["-request_deadline"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "breaks":
            return BreaksField(label=capfirst(db_field.verbose_name), help_text=db_field.help_text, **kwargs)
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("overview/<int:pk>/", session_overview, name="overview"),
            path("overview/<int:pk>/schedule/", session_schedule, name="schedule"),
            path("overview/<int:pk>/meetings.csv", session_export, name="export"),
            path("meeting/<int:pk>/move/", meeting_move, name="move"),
        ]
