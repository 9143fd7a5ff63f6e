from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BankStatementImport(models.Model):
    """A bank statement the treasurer uploaded: first shown as a dry run, then applied once."""

    # Money records point at nothing editors manage: keep Wagtail's reference index out of every save.
    wagtail_reference_index_ignore = True

    filename = models.CharField(_("file name"), max_length=255)
    rows = models.JSONField(_("rows"), default=list, blank=True)
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
        verbose_name = _("bank statement import")
        verbose_name_plural = _("bank statement imports")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.filename

    def rows_with(self, result: str) -> list[dict]:
        return [row for row in self.rows if row["result"] == result]
