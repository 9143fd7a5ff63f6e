from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = _("Website")

    def ready(self):
        from cms.layout import connect_signals

        connect_signals()

        from wagtail.signals import page_published

        from cms.translation_workflow import translation_published

        # A translation started from an alias shows its own content once published (cms.translation_workflow).
        page_published.connect(translation_published, dispatch_uid="cms_translation_published")

        from django.db.models.signals import pre_delete
        from wagtail.models import PageViewRestriction

        from cms.restrictions import forget_alias_copies

        pre_delete.connect(forget_alias_copies, sender=PageViewRestriction, dispatch_uid="cms_forget_alias_copies")

        from cms.branding import association_branding
        from core.branding import register_branding_reader

        register_branding_reader(association_branding)
