"""The treasurer's panel on the Wagtail dashboard: dues collected, what is owed, renewals due."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from members.selectors import dues_summary


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
        }
