from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.signals import page_published

        from events.calendar_signals import on_page_published

        page_published.connect(on_page_published, dispatch_uid="events_calendar_sequence")

        from events import dashboard, privacy

        privacy.register()
        dashboard.register()

        from events.registration_log import register_log_actions
        from events.services.lifecycle import register_fulfilment

        register_fulfilment()
        register_log_actions()

        from events.page_permissions import connect

        connect()

        from core.clock_changes import register_recompute
        from events.recompute import KINDS, recompute_events

        register_recompute("events", recompute_events, kinds=KINDS)
