from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = _("Website")

    def ready(self):
        from cms.layout import connect_signals

        connect_signals()

        from cms.branding import association_branding
        from core.branding import register_branding_reader

        register_branding_reader(association_branding)
