from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from allauth.account.signals import password_reset

        from members.adapters import verify_address_on_password_reset
        from members.dues import services as dues

        # Setting a password from the welcome e-mail of an imported person verifies their address.
        password_reset.connect(verify_address_on_password_reset, dispatch_uid="members.verify_address_on_reset")

        # The period settings check, the receiver opening a membership when an application is approved, and the
        # payments fulfilment of "dues" lines.
        dues.connect()
