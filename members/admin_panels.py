"""The treasurer's panel on the Wagtail dashboard: dues collected, what is owed, renewals due."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from members.dues.selectors import dues_by_month, dues_summary, members_over_time
from members.models import MembershipApplication, Organisation
from members.selectors import members_by_status


class DuesPanel(Component):
    name = "dues"
    order = 150
    template_name = "members/admin/dues_panel.html"

    def get_context_data(self, parent_context=None):
        summary = dues_summary()
        return {
            "summary": summary,
            "orders_url": reverse("payments_orders:index") + "?status=pending",
            "transfers_url": reverse("payments_orders:index") + "?status=pending&payment_method=bank_transfer",
            "renewals_url": reverse("members_memberships:index") + "?renewal_due=true",
            "reconciliation_url": reverse("payments_reconciliation:index"),
            "dues_chart": dues_by_month(year=timezone.localdate().year),
        }


def status_count_label(status: str, count: int) -> str:
    """What follows a number of companies in a status on the dashboard: "1 active member", "40 active members".

    The status labels themselves ("Active member") are singular: glued to a count they read "40 Active member"."""
    Status = Organisation.Status
    if status == Status.APPLICANT:
        return ngettext("company applying", "companies applying", count)
    if status == Status.APPROVED:
        return ngettext("approved company, first dues unpaid", "approved companies, first dues unpaid", count)
    if status == Status.ACTIVE:
        return ngettext("active member", "active members", count)
    if status == Status.LAPSED:
        return ngettext("lapsed member", "lapsed members", count)
    if status == Status.REJECTED:
        return ngettext("rejected application", "rejected applications", count)
    raise ValueError(f"No dashboard label for the status {status!r}.")


class MembersPanel(Component):
    """Companies by status, applications waiting for review, and members over the last twelve months."""

    name = "members"
    order = 140
    template_name = "members/admin/members_panel.html"

    def get_context_data(self, parent_context=None):
        by_status = members_by_status()
        companies = reverse("members_organisations:index")
        return {
            "statuses": [
                (status_count_label(value, by_status[value]), by_status[value], f"{companies}?status={value}")
                for value in Organisation.Status.values
            ],
            "applications_waiting": MembershipApplication.objects.pending().count(),
            "applications_url": reverse("members_applications:index"),
            "members_chart": members_over_time(months=12),
        }
