"""The events panel on the Wagtail dashboard: the next events, how full they are, and who is waiting."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from events.admin_selectors import upcoming_fill_rates


class UpcomingEventsPanel(Component):
    name = "upcoming_events"
    order = 160
    template_name = "events/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        return {
            "rows": upcoming_fill_rates(),
            "registrations_url": reverse("events_registrations:index"),
            "waitlist_url": reverse("events_waitlist:index"),
            "events_home_url": reverse("events_home:index"),
        }
