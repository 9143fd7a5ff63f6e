from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import localized


class PrivacyNoticeQuerySet(models.QuerySet):
    def current(self):
        """The notice in force: the latest published version."""
        return self.filter(published_at__isnull=False).order_by("-published_at").first()


class PrivacyNotice(models.Model):
    """One version of the privacy notice (law 09-08). Published versions are never edited: publish a new one."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (French)"))
    body_en = models.TextField(_("text (English)"), blank=True)
    body_ar = models.TextField(_("text (Arabic)"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = PrivacyNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")
        ordering = ["-published_at"]

    def __str__(self):
        return f"{self.title} ({self.version})"

    def body_for(self, language_code: str) -> str:
        return localized(self, "body", language_code)


class Consent(models.Model):
    """What a person agreed to, when, and to which version of the text."""

    class Purpose(models.TextChoices):
        PRIVACY_NOTICE = "privacy_notice", _("Privacy notice and processing of my account data")
        DIRECTORY = "directory", _("Showing my contact details to other members")
        NEWSLETTER = "newsletter", _("News and announcements by e-mail")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents", verbose_name=_("user")
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    notice = models.ForeignKey(
        PrivacyNotice,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
        verbose_name=_("notice version"),
    )
    granted = models.BooleanField(_("granted"), default=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["user", "purpose", "-recorded_at"])]

    def __str__(self):
        return f"{self.user} · {self.get_purpose_display()} · {self.recorded_at:%Y-%m-%d}"
