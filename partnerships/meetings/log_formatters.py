"""How the B2B meeting actions read in the Wagtail admin history (registered by partnerships.wagtail_hooks).

Only that something happened is logged; a request's message is never copied into the history."""

from django.utils.translation import gettext_lazy as _

MEETING_ACTIONS = {
    "partnerships.meeting_opt_in": (_("Opt in to B2B meetings"), _("Opted in to B2B meetings")),
    "partnerships.meeting_request": (_("Request a meeting"), _("Meeting requested")),
    "partnerships.meeting_accept": (_("Accept a meeting"), _("Meeting accepted")),
    "partnerships.meeting_decline": (_("Decline a meeting"), _("Meeting declined")),
    "partnerships.meetings_schedule": (_("Run the scheduler"), _("Accepted meetings placed")),
    "partnerships.meeting_move": (_("Move a meeting"), _("Meeting moved")),
}
