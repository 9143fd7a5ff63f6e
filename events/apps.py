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

        from events import privacy

        privacy.register()

        from events.registration_log import register_log_actions
        from events.services.lifecycle import register_fulfilment

        register_fulfilment()
        register_log_actions()

        from events.page_permissions import connect

        connect()

        from django.core import checks

        from events.recompute import check_event_times

        checks.register(check_event_times, checks.Tags.database)
