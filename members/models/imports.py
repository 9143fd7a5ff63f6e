from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import StagedImport


class MemberImport(StagedImport):
    """A member list the secretariat uploaded (CSV or XLSX): first a dry run, line by line, then applied once."""

    report = models.JSONField(_("report"), default=list, blank=True)

    class Meta(StagedImport.Meta):
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")

    @property
    def error_count(self) -> int:
        return sum(1 for line in self.report if line.get("errors"))

    @property
    def invited_count(self) -> int:
        """How many people the import invites by e-mail (the accounts it creates)."""
        return sum(1 for line in self.report if line.get("invited") and not line.get("errors"))

    @property
    def can_apply(self) -> bool:
        return not self.is_applied and bool(self.report) and self.error_count == 0
