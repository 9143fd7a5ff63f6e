"""Abstract models other apps build on. (core has no tables of its own.)"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StagedImport(models.Model):
    """A file someone uploaded to change many records at once: kept with its dry run (`rows`, each line read and
    what applying it would do), shown, and applied once. Member lists and bank statements are staged imports;
    core.staged_import has the admin flow that shows and applies them."""

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
        abstract = True
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.filename

    @classmethod
    def stage(cls, *, filename: str, by, **fields):
        """Keep a dry run: the file's name (cut to the field's length), who uploaded it, and what it would do."""
        staged = cls(filename=filename[: cls._meta.get_field("filename").max_length], uploaded_by=by, **fields)
        staged.full_clean()
        staged.save()
        return staged

    @classmethod
    def locked(cls, pk: int):
        """The import, locked for the transaction that applies it (two clicks on "apply" run one after the other)."""
        return cls.objects.select_for_update().get(pk=pk)

    @property
    def is_applied(self) -> bool:
        return self.applied_at is not None

    def mark_applied(self, *, by, fields: tuple[str, ...] = ("rows",)) -> None:
        """Record that the import was applied, with the `fields` the application rewrote."""
        self.applied_at = timezone.now()
        self.applied_by = by
        self.save(update_fields=[*fields, "applied_at", "applied_by"])
