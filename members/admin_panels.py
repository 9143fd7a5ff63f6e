"""The treasurer's panel on the Wagtail dashboard: dues collected, what is owed, renewals due."""

from django.urls import reverse
from django.utils import timezone
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
                (label, by_status[value], f"{companies}?status={value}") for value, label in Organisation.Status.choices
            ],
            "applications_waiting": MembershipApplication.objects.pending().count(),
            "applications_url": reverse("members_applications:index"),
            "members_chart": members_over_time(months=12),
        }
