from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from members.dues import services as dues

        # The period settings check, the receiver opening a membership when an application is approved, and the
        # payments fulfilment of "dues" lines.
        dues.connect()
