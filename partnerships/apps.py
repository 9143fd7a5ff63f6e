from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "partnerships"
    verbose_name = _("Board")

    def ready(self):
        from events.feeds import register_personal_feed_source
        from partnerships.meetings.selectors import meeting_calendar_items

        register_personal_feed_source(meeting_calendar_items)

        from partnerships import dashboard, privacy

        privacy.register()
        dashboard.register()

        from core.clock_changes import register_recompute
        from partnerships.meetings.recompute import KINDS, recompute_meetings

        register_recompute("partnerships", recompute_meetings, kinds=KINDS)
