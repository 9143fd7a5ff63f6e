from django.utils.translation import gettext_lazy as _

from core.models import StagedImport


class BankStatementImport(StagedImport):
    """A bank statement the treasurer uploaded: first shown as a dry run, then applied once."""

    # Money records point at nothing editors manage: keep Wagtail's reference index out of every save.
    wagtail_reference_index_ignore = True

    class Meta(StagedImport.Meta):
        verbose_name = _("bank statement import")
        verbose_name_plural = _("bank statement imports")

    def rows_with(self, result: str) -> list[dict]:
        return [row for row in self.rows if row["result"] == result]
