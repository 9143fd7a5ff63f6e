"""The organisers' report of recomputed times: what a change of the zone data moved (core.clock_changes), when,
and who was sent the updated invitation. In the admin's Reports menu, for whoever may see registrations."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from core.clock_changes import kind_label
from core.exports import SpreadsheetExportMixin
from core.models import RecomputedTime
from events.admin_permissions import RegistrationPermissionPolicy
from events.models import Registration


def may_see(user) -> bool:
    return RegistrationPermissionPolicy(Registration).user_has_permission(user, "view")


def _utc(instant: dt.datetime) -> str:
    return f"{formats.date_format(instant.astimezone(dt.UTC), 'SHORT_DATETIME_FORMAT')} UTC"


def _typed(row: RecomputedTime) -> str:
    return f"{formats.date_format(row.wall_clock, 'SHORT_DATETIME_FORMAT')} ({row.time_zone})"


class RecomputedTimesReport(SpreadsheetExportMixin, ReportView):
    page_title = _("Recomputed times")
    header_icon = "time"
    index_url_name = "events_recomputed_times"
    index_results_url_name = "events_recomputed_times_results"
    model = RecomputedTime
    paginate_by = 100
    columns = [
        Column("kind", label=_("Kind"), accessor=lambda row: kind_label(row.kind)),
        Column("label", label=_("What")),
        Column("wall_clock", label=_("Typed local time"), accessor=_typed),
        Column("old", label=_("Was"), accessor=lambda row: _utc(row.old)),
        Column("new", label=_("Now"), accessor=lambda row: _utc(row.new)),
        Column("notified", label=_("People sent the update")),
        Column("note", label=_("Note")),
        Column(
            "recomputed_at",
            label=_("Recomputed"),
            accessor=lambda row: f"{formats.date_format(row.recomputed_at, 'SHORT_DATETIME_FORMAT')} ({row.tzdata})",
        ),
    ]
    list_export = ["kind_label", "label", "wall_clock", "time_zone", "old", "new", "notified", "note", "tzdata"]
    export_headings = {
        "kind_label": _("Kind"),
        "label": _("What"),
        "wall_clock": _("Typed local time"),
        "time_zone": _("Time zone"),
        "old": _("Was (UTC)"),
        "new": _("Now (UTC)"),
        "notified": _("People sent the update"),
        "note": _("Note"),
        "tzdata": _("Zone data"),
    }
    export_filename = "recomputed-times"

    def dispatch(self, request, *args, **kwargs):
        if not may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return RecomputedTime.objects.all()

    def to_row_dict(self, item):
        computed = {
            "kind_label": kind_label(item.kind),
            # "Was" and "Now" are instants compared across a change of the zone data: they stay in UTC as their
            # headings say (naive, so that the export shows them as they are instead of in local time).
            "old": item.old.astimezone(dt.UTC).replace(tzinfo=None),
            "new": item.new.astimezone(dt.UTC).replace(tzinfo=None),
        }
        return {field: computed[field] if field in computed else getattr(item, field) for field in self.list_export}


def urls():
    return [
        path("reports/recomputed-times/", RecomputedTimesReport.as_view(), name="events_recomputed_times"),
        path(
            "reports/recomputed-times/results/",
            RecomputedTimesReport.as_view(results_only=True),
            name="events_recomputed_times_results",
        ),
    ]


class RecomputedTimesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see(request.user)


def menu_item():
    return RecomputedTimesMenuItem(
        _("Recomputed times"), reverse("events_recomputed_times"), icon_name="time", order=900
    )
