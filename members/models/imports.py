from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberImport(models.Model):
    """A member list the secretariat uploaded (CSV or XLSX): first a dry run, line by line, then applied once."""

    filename = models.CharField(_("file name"), max_length=255)
    rows = models.JSONField(_("rows"), default=list, blank=True)
    report = models.JSONField(_("report"), default=list, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("applied by"),
    )

    class Meta:
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.filename

    @property
    def error_count(self) -> int:
        return sum(1 for line in self.report if line.get("errors"))

    @property
    def can_apply(self) -> bool:
        return self.applied_at is None and bool(self.report) and self.error_count == 0
