"""Abstract models other apps build on, and the log of instants recomputed after a change of the zone data."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.time import pinned_version
from core.wall_clock import WallClockField


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


class RecomputedTime(models.Model):
    """An instant that a change of the zone data moved (core.clock_changes), kept for the organisers' report."""

    recomputed_at = models.DateTimeField(_("recomputed"), default=timezone.now, db_index=True)
    tzdata = models.CharField(_("zone data"), max_length=16)
    kind = models.CharField(_("kind"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("object"))
    label = models.CharField(_("what"), max_length=400)
    time_zone = models.CharField(_("time zone"), max_length=64)
    wall_clock = WallClockField(_("typed local time"))
    old = models.DateTimeField(_("was"))
    new = models.DateTimeField(_("now"))
    notified = models.PositiveIntegerField(_("people told"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("recomputed time")
        verbose_name_plural = _("recomputed times")
        ordering = ["-recomputed_at", "wall_clock", "pk"]

    def __str__(self):
        return f"{self.label}: {self.old:%Y-%m-%d %H:%M}Z → {self.new:%Y-%m-%d %H:%M}Z"

    @classmethod
    def from_moved(cls, change, *, at) -> "RecomputedTime":
        return cls(
            recomputed_at=at,
            tzdata=pinned_version(),
            kind=change.kind,
            object_id=change.object_id,
            label=change.label[:400],
            time_zone=change.time_zone,
            wall_clock=change.wall_clock,
            old=change.old,
            new=change.new,
            notified=change.notified,
            note=change.note[:200],
        )
