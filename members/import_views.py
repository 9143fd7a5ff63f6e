"""Members → Import: upload a member list, read the dry run line by line, then apply it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from members.imports import COLUMNS, ImportFileError, member_import_apply, member_import_preview
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


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class MemberImportViewSet(ViewSet):
    name = "members_import"
    icon = "upload"
    menu_label = _("Import members")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [path("", self.upload_view, name="index"), path("<int:pk>/", self.preview_view, name="preview")]

    def _check(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied

    def _render(self, request, template, context, status=200):
        context = {"page_title": self.menu_label, "header_icon": self.icon, **context}
        return TemplateResponse(request, template, context, status=status)

    def upload_view(self, request):
        self._check(request)
        form = MemberListForm()
        status = 200
        if request.method == "POST":
            form = MemberListForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["members_file"]
                try:
                    member_import = member_import_preview(filename=upload.name, content=upload.read(), by=request.user)
                except ImportFileError as error:
                    form.add_error("members_file", error.message)
                else:
                    return redirect(self.get_url_name("preview"), pk=member_import.pk)
            status = 400
        context = {
            "form": form,
            "recent": MemberImport.objects.all()[:10],
            "columns": [(column, aliases[:3]) for column, aliases in COLUMNS.items()],
        }
        return self._render(request, "members/admin/import_upload.html", context, status)

    def preview_view(self, request, pk):
        self._check(request)
        member_import = get_object_or_404(MemberImport, pk=pk)
        if request.method == "POST":
            try:
                member_import = member_import_apply(member_import=member_import, by=request.user)
            except ImportFileError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("%(count)d line(s) imported.") % {"count": len(member_import.report)})
            return redirect(self.get_url_name("preview"), pk=member_import.pk)
        return self._render(
            request,
            "members/admin/import_preview.html",
            {"member_import": member_import, "upload_url": reverse(self.get_url_name("index"))},
        )
