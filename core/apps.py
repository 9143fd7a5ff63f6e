from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.conf import settings

        from core import active_filters
        from core.checks import check_database_zone_data, check_zone_data
        from core.clock_changes import check_recomputed_times
        from core.time import pin_process_zone
        from core.wagtail_exports import adapt_wagtail_exports, check_wagtail_exports

        pin_process_zone(settings.TIME_ZONE)
        active_filters.register()
        # Wagtail's own downloads (form submissions, reports) by our export rules: see core.wagtail_exports.
        adapt_wagtail_exports()

        checks.register(check_zone_data)
        checks.register(check_wagtail_exports)
        checks.register(check_database_zone_data, checks.Tags.database)
        checks.register(check_recomputed_times, checks.Tags.database)
