"""The admin flow of a staged import (core.models.StagedImport): upload a file, read the dry run, apply it once.

A subclass of StagedImportViewSet names its model, permission, upload form (with one file field) and templates,
and says how to stage a file and how to apply it; refusals are DomainErrors, shown on the form or as a message.
The upload page lists the ten latest imports.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from core.errors import DomainError
from core.views import domain_error_message, domain_error_to_form

RECENT = 10


class StagedImportViewSet(ViewSet):
    model = None  # a StagedImport subclass
    permission = ""  # "app.codename": who sees the menu item and may upload and apply
    form_class = None  # a Form with one FileField, named file_field
    file_field = ""
    upload_template = ""
    preview_template = ""
    object_name = "staged_import"  # the preview template's name for the import

    def stage(self, *, filename: str, content: bytes, by):
        """Read the upload and keep it with its dry run; return the StagedImport."""
        raise NotImplementedError

    def apply(self, staged, *, by) -> str:
        """Apply the import; return the success message."""
        raise NotImplementedError

    def upload_context(self) -> dict:
        return {}

    def preview_context(self, staged) -> dict:
        return {}

    # --- The flow ---

    @cached_property
    def menu_item_class(self):
        permission = self.permission

        def is_shown(_item, request):
            return request.user.has_perm(permission)

        return type(f"{self.model.__name__}MenuItem", (MenuItem,), {"is_shown": is_shown})

    def get_urlpatterns(self):
        return [path("", self.upload_view, name="index"), path("<int:pk>/", self.preview_view, name="preview")]

    def _check(self, request):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied

    def _render(self, request, template, context, status=200):
        context = {"page_title": self.menu_label, "header_icon": self.icon, **context}
        return TemplateResponse(request, template, context, status=status)

    def upload_view(self, request):
        self._check(request)
        form = self.form_class()
        status = 200
        if request.method == "POST":
            form = self.form_class(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data[self.file_field]
                try:
                    staged = self.stage(filename=upload.name, content=upload.read(), by=request.user)
                except DomainError as error:
                    domain_error_to_form(form, error, self.file_field)
                else:
                    return redirect(self.get_url_name("preview"), pk=staged.pk)
            status = 400
        context = {"form": form, "recent": self.model.objects.all()[:RECENT], **self.upload_context()}
        return self._render(request, self.upload_template, context, status)

    def preview_view(self, request, pk):
        self._check(request)
        staged = get_object_or_404(self.model, pk=pk)
        if request.method == "POST":
            try:
                message = self.apply(staged, by=request.user)
            except DomainError as error:
                domain_error_message(request, error)
            else:
                messages.success(request, message)
            return redirect(self.get_url_name("preview"), pk=staged.pk)
        context = {
            self.object_name: staged,
            "upload_url": reverse(self.get_url_name("index")),
            **self.preview_context(staged),
        }
        return self._render(request, self.preview_template, context)
