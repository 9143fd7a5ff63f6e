from django.apps import AppConfig
from django.core import checks


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core.checks import check_database_zone_data, check_zone_data

        checks.register(check_zone_data)
        checks.register(check_database_zone_data, checks.Tags.database)
