from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from django.core import checks

        from members.membership_services import check_period_settings, register_fulfilment

        checks.register(check_period_settings)
        register_fulfilment()
