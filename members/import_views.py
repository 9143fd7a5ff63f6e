"""Members → Import: upload a member list, read the dry run line by line, then apply it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.staged_import import StagedImportViewSet
from members.imports import COLUMN_LABELS, COLUMNS, member_import_apply, member_import_preview
from members.models import MemberImport

MAX_BYTES = 5 * 1024 * 1024
PERMISSION = "members.add_organisation"


class MemberListForm(forms.Form):
    members_file = forms.FileField(
        label=_("Member list"),
        help_text=_("CSV (UTF-8, comma or semicolon) or XLSX, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_members_file(self):
        upload = self.cleaned_data["members_file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class MemberImportViewSet(StagedImportViewSet):
    name = "members_import"
    icon = "upload"
    menu_label = _("Import members")
    model = MemberImport
    permission = PERMISSION
    form_class = MemberListForm
    file_field = "members_file"
    upload_template = "members/admin/import_upload.html"
    preview_template = "members/admin/import_preview.html"
    object_name = "member_import"

    def stage(self, *, filename, content, by):
        return member_import_preview(filename=filename, content=content, by=by)

    def apply(self, staged, *, by):
        member_import = member_import_apply(member_import=staged, by=by)
        count = len(member_import.report)
        return " ".join(
            [
                ngettext("%(count)d line imported.", "%(count)d lines imported.", count) % {"count": count},
                ngettext(
                    "%(count)d person invited by e-mail (in their language), not subscribed to optional "
                    "announcements until they consent.",
                    "%(count)d people invited by e-mail (in their language), not subscribed to optional "
                    "announcements until they consent.",
                    member_import.invited_count,
                )
                % {"count": member_import.invited_count},
            ]
        )

    def upload_context(self):
        return {"columns": [(COLUMN_LABELS[column], aliases) for column, aliases in COLUMNS.items()]}
