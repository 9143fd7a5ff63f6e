from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingTranslation(models.Model):
    """A page of another language converted from an alias to be translated (cms.translation_workflow), not yet
    published since: until then its live content is still the source's, and visitors are told so."""

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="pending_translation"
    )
    source_locale = models.ForeignKey(
        "wagtailcore.Locale", verbose_name=_("language of the content"), on_delete=models.PROTECT, related_name="+"
    )
    converted_at = models.DateTimeField(_("translation started"), default=timezone.now)
    converted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("translation in progress")
        verbose_name_plural = _("translations in progress")

    def __str__(self):
        return f"{self.page_id} ({self.source_locale_id})"
