from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import widgets
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from core.page_context import PAGE_CONTEXT_HOOK
from events import clock_report, page_context
from events.admin_panels import UpcomingEventsPanel
from events.admin_permissions import RegistrationPermissionPolicy, StaffModelPermissionPolicy, WaitlistPermissionPolicy
from events.attendee_messages import MessageFormatter
from events.models import EventPage, Question, Registration, RegistrationSettings, TicketType, WaitlistEntry
from events.viewsets import EventsViewSetGroup

register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))
register_permission_policy(WaitlistEntry, WaitlistPermissionPolicy(WaitlistEntry))
for _model in (TicketType, Question, RegistrationSettings):
    register_permission_policy(_model, StaffModelPermissionPolicy(_model))

register_snippet(EventsViewSetGroup)
hooks.register(PAGE_CONTEXT_HOOK, page_context.add_page_context)


@hooks.register("register_log_actions")
def register_calendar_log_actions(actions):
    actions.register_action("events.event_reschedule", _("Reschedule"), _("New times sent to calendars"))
    actions.register_action("events.calendar_feed_create", _("Create calendar address"), _("Calendar address created"))
    actions.register_action("events.calendar_feed_reset", _("Reset calendar address"), _("Calendar address reset"))


@hooks.register("register_log_actions")
def register_checkin_log_actions(actions):
    actions.register_action("events.registration_check_in", _("Check in"), _("Checked in at the door"))
    actions.register_action("events.message_attendees")(MessageFormatter)


@hooks.register("construct_homepage_panels")
def add_upcoming_events_panel(request, panels):
    if RegistrationPermissionPolicy(Registration).user_has_permission(request.user, "view"):
        panels.append(UpcomingEventsPanel())


def _registrations_button(page, user, priority: int):
    if page.specific_class is not EventPage:
        return
    if not RegistrationPermissionPolicy(Registration).user_has_permission(user, "view"):
        return
    url = reverse("events_registrations:event", args=[page.pk])
    yield widgets.Button(_("Registrations"), url, icon_name="clipboard-list", priority=priority)


@hooks.register("register_page_header_buttons")
def event_registrations_header_button(page, user, view_name=None, next_url=None):
    """From an event's page in the admin to its registrations."""
    yield from _registrations_button(page, user, priority=70)


@hooks.register("register_page_listing_more_buttons")
def event_registrations_listing_button(page, user, next_url=None):
    yield from _registrations_button(page, user, priority=70)


@hooks.register("register_admin_urls")
def register_recomputed_times_urls():
    return clock_report.urls()


@hooks.register("register_reports_menu_item")
def register_recomputed_times_menu_item():
    return clock_report.menu_item()


@hooks.register("before_delete_page")
def keep_events_that_have_registrations(request, page):
    """An event (or a section holding events) with registrations is never deleted: its registrations, orders and
    invoices are records the association keeps. The admin says so instead of failing on the protected rows."""
    if not Registration.objects.filter(event__path__startswith=page.path).exists():
        return None
    messages.error(
        request,
        _(
            "“%(title)s” cannot be deleted: people registered for it, and their registrations, orders and invoices "
            "are kept. Unpublish it instead."
        )
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
