"""The secretariat's report of companies nobody can be written to at (members.recipients): no administrator with
an account, and no contact address (or one that bounced or refused our e-mails). Renewal reminders and invoices
reach nobody there, board messages wait unread. In the admin's Reports menu, for the roles that see companies;
exportable like every listing (core.exports)."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from core.exports import SpreadsheetExportMixin
from core.roles import holds_permission
from members.models import Organisation
from members.recipients import Unreachable, unreachable_organisations

URL_NAME = "members_unreachable"


def may_see(user) -> bool:
    """Whoever may see companies in the admin (the Secretariat and the Treasurer roles, superusers)."""
    return holds_permission(user, "members.view_organisation") or holds_permission(user, "members.change_organisation")


class UnreachableFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[choice for choice in Organisation.Status.choices if choice[0] != Organisation.Status.REJECTED],
    )
    unreachable_reason = django_filters.ChoiceFilter(
        label=_("Why"), choices=[choice for choice in Unreachable.choices if choice[0] != Unreachable.OPTED_OUT]
    )

    class Meta:
        model = Organisation
        fields = ["status"]


def _reason(organisation) -> str:
    return str(Unreachable(organisation.unreachable_reason).label)


class UnreachableOrganisationsReport(SpreadsheetExportMixin, ReportView):
    page_title = _("Companies that cannot be reached")
    header_icon = "warning"
    index_url_name = URL_NAME
    index_results_url_name = f"{URL_NAME}_results"
    model = Organisation
    filterset_class = UnreachableFilterSet
    paginate_by = 100
    columns = [
        TitleColumn(
            "display_name",
            label=_("Company"),
            get_url=lambda organisation: reverse("members_organisations:edit", args=[organisation.pk]),
        ),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("unreachable_reason", label=_("Why"), accessor=_reason),
        Column("people_count", label=_("People with an account")),
        Column("contact_email", label=_("Contact e-mail")),
    ]
    # The address is computed (the refused one, or empty), not the field: what the report is about, never typed in.
    list_export = ["legal_name", "trade_name", "status", "reason", "people_count", "contact_address", "phone", "city"]
    export_headings = {
        "legal_name": _("Legal name"),
        "trade_name": _("Trade name"),
        "status": _("Status"),
        "reason": _("Why"),
        "people_count": _("People with an account"),
        "contact_address": _("Contact e-mail"),
        "phone": _("Phone"),
        "city": _("City"),
    }
    export_filename = "unreachable-companies"

    def dispatch(self, request, *args, **kwargs):
        if not may_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return unreachable_organisations()

    def to_row_dict(self, item):
        computed = {"status": item.get_status_display(), "reason": _reason(item), "contact_address": item.contact_email}
        return {field: computed[field] if field in computed else getattr(item, field) for field in self.list_export}


def urls():
    return [
        path("reports/unreachable-companies/", UnreachableOrganisationsReport.as_view(), name=URL_NAME),
        path(
            "reports/unreachable-companies/results/",
            UnreachableOrganisationsReport.as_view(results_only=True),
            name=f"{URL_NAME}_results",
        ),
    ]


class UnreachableMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see(request.user)


def menu_item():
    return UnreachableMenuItem(_("Companies that cannot be reached"), reverse(URL_NAME), icon_name="warning", order=910)
