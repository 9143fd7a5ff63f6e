"""The secretariat's "Communication" menu: announcements (write, preview, send), deliveries, suppression list.

Writing needs members.add_announcement; sending needs members.send_announcement, checked again by the service.
Only drafts can be edited or deleted: once sent, an announcement and its deliveries are the record.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy

from core.columns import LocalDateColumn
from core.exports import SpreadsheetExportMixin
from core.views import domain_error_message
from members.communications.preferences import suppression_add_bulk
from members.communications.services import (
    CommunicationError,
    announcement_create,
    announcement_preview,
    announcement_send,
    can_send,
)
from members.models import Announcement, Delivery, SuppressedAddress

ANNOUNCEMENTS = "members_announcements"
DELIVERIES = "members_deliveries"
SUPPRESSION = "members_suppression"
ANNOUNCEMENT_ACTIONS = ("view", "add", "change", "send")


class AnnouncementPermissionPolicy(ModelPermissionPolicy):
    """Sent announcements are a record: only drafts can be changed or deleted."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action in ("change", "delete") and not instance.is_draft:
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class DeliveryPermissionPolicy(ModelPermissionPolicy):
    """Deliveries are written by sending: whoever may see or send announcements may read them, nobody edits."""

    def user_has_permission(self, user, action):
        return action == "view" and any(user.has_perm(f"members.{a}_announcement") for a in ANNOUNCEMENT_ACTIONS)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# --- Announcements -------------------------------------------------------------------------------------------


def _send_url(announcement) -> str:
    return reverse(f"{ANNOUNCEMENTS}:send", args=[announcement.pk])


class AnnouncementIndexView(SpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("plan", "sector", "event")

    def get_list_more_buttons(self, instance):
        label = _("Preview and send") if instance.is_draft else _("Delivery report")
        return [ListingButton(label, url=_send_url(instance), icon_name="mail", priority=5)] + list(
            super().get_list_more_buttons(instance)
        )


class AnnouncementCreateView(generic.CreateView):
    def save_instance(self):
        return announcement_create(announcement=self.form.instance, by=self.request.user)

    def get_success_url(self):
        return _send_url(self.object)


class AnnouncementCopyView(AnnouncementCreateView):
    """A new draft with the text and recipients of another announcement (often one already sent)."""

    content_fields = (
        *("subject", "body", "subject_en", "body_en", "subject_ar", "body_ar"),
        *("topic", "segment", "plan", "sector", "event"),
    )

    def get_initial_form_instance(self):
        original = get_object_or_404(Announcement, pk=self.kwargs["pk"])
        return Announcement(**{field: getattr(original, field) for field in self.content_fields})


class _DraftOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        announcement = get_object_or_404(Announcement, pk=kwargs["pk"])
        if not announcement.is_draft:
            messages.warning(request, _("This announcement has been sent: it can no longer be changed."))
            return redirect(_send_url(announcement))
        return super().dispatch(request, *args, **kwargs)


class AnnouncementEditView(_DraftOnlyMixin, generic.EditView):
    def get_success_url(self):
        return _send_url(self.object)


class AnnouncementDeleteView(_DraftOnlyMixin, generic.DeleteView):
    pass


class SendForm(forms.Form):
    # The count the secretariat saw: if the segment changed meanwhile, they look again before anything goes out.
    expected = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AnnouncementViewSet(ModelViewSet):
    model = Announcement
    icon = "mail"
    menu_label = _("Announcements")
    index_view_class = AnnouncementIndexView
    add_view_class = AnnouncementCreateView
    edit_view_class = AnnouncementEditView
    delete_view_class = AnnouncementDeleteView
    copy_view_class = AnnouncementCopyView
    list_display = [
        "subject",
        "topic",
        "segment",
        "status",
        Column("recipients_count", label=_("Addresses")),
        Column("sent_count", label=_("Delivered")),
        LocalDateColumn("sent_at", _("Sent")),
    ]
    list_filter = ["status", "topic", "segment"]
    search_fields = ["subject", "subject_en", "subject_ar"]
    search_backend_name = None
    list_export = [
        "subject",
        "topic",
        "segment",
        "status",
        "recipients_count",
        "sent_count",
        "failed_count",
        "skipped_count",
        "queued_at",
        "sent_at",
    ]
    export_filename = "announcements"
    panels = [
        MultiFieldPanel(
            [FieldPanel("topic"), FieldPanel("segment"), FieldPanel("plan"), FieldPanel("sector"), FieldPanel("event")],
            heading=_("Recipients"),
        ),
        MultiFieldPanel([FieldPanel("subject"), FieldPanel("body")], heading=_("In French")),
        MultiFieldPanel([FieldPanel("subject_en"), FieldPanel("body_en")], heading=_("In English (optional)")),
        MultiFieldPanel(
            [
                FieldPanel("subject_ar", widget=forms.TextInput(attrs={"dir": "rtl"})),
                FieldPanel("body_ar", widget=forms.Textarea(attrs={"dir": "rtl"})),
            ],
            heading=_("In Arabic (optional)"),
        ),
    ]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("send/<int:pk>/", self.send_view, name="send")]

    def send_view(self, request, pk):
        """The preview (how many addresses, who is skipped, a sample) and the send button; the report once sent."""
        if not self.permission_policy.user_has_any_permission(request.user, ANNOUNCEMENT_ACTIONS):
            raise PermissionDenied
        announcement = get_object_or_404(Announcement.objects.select_related("plan", "sector", "event"), pk=pk)
        may_send = announcement.is_draft and can_send(request.user)
        status = 200
        if request.method == "POST":
            if not may_send:
                raise PermissionDenied
            form = SendForm(request.POST)
            preview = announcement_preview(announcement=announcement)
            if not form.is_valid() or form.cleaned_data["expected"] != preview.total:
                messages.error(request, _("The recipients changed since the preview: check them again."))
                status = 409
            else:
                try:
                    announcement_send(announcement=announcement, by=request.user)
                except CommunicationError as error:
                    status = domain_error_message(request, error)
                else:
                    messages.success(request, _("The announcement is on its way."))
                    return redirect(_send_url(announcement))
        context = {
            "page_title": _("Announcement: %(subject)s") % {"subject": announcement.subject},
            "header_icon": self.icon,
            "announcement": announcement,
            "may_send": may_send,
            "edit_url": reverse(self.get_url_name("edit"), args=[pk]) if announcement.is_draft else "",
            "index_url": reverse(self.get_url_name("index")),
        }
        if announcement.is_draft:
            context["preview"] = announcement_preview(announcement=announcement)
        else:
            context["counts"] = dict(announcement.deliveries.order_by().values_list("status").annotate(Count("pk")))
            context["deliveries_url"] = f"{reverse(f'{DELIVERIES}:index')}?announcement={pk}"
        return TemplateResponse(request, "members/admin/announcement_send.html", context, status=status)


# --- Deliveries ----------------------------------------------------------------------------------------------


class DeliveryFilterSet(WagtailFilterSet):
    announcement = django_filters.ModelChoiceFilter(
        label=_("Announcement"), queryset=Announcement.objects.exclude(status=Announcement.Status.DRAFT)
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Delivery.Status.choices)
    skip_reason = django_filters.ChoiceFilter(label=_("Skipped because"), choices=Delivery.SkipReason.choices)

    class Meta:
        model = Delivery
        fields = ["announcement", "status", "skip_reason"]


class DeliveryIndexView(SpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("announcement")


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    icon = "list-ul"
    menu_label = _("Deliveries")
    index_view_class = DeliveryIndexView
    list_display = [
        "email",
        "name",
        Column("announcement", label=_("Announcement")),
        "language",
        "status",
        "skip_reason",
        LocalDateColumn("sent_at", _("Sent")),
    ]
    filterset_class = DeliveryFilterSet
    search_fields = ["email", "name"]
    search_backend_name = None
    list_export = ["announcement.subject", "email", "name", "language", "status", "skip_reason", "error", "sent_at"]
    export_headings = {"announcement.subject": _("Announcement")}
    export_filename = "deliveries"
    inspect_view_enabled = True
    form_fields = ["email"]


# --- Suppression list ----------------------------------------------------------------------------------------


class BulkSuppressionForm(forms.Form):
    addresses = forms.CharField(
        label=_("Addresses"),
        widget=forms.Textarea(attrs={"rows": 12, "dir": "ltr"}),
        help_text=_(
            "Paste the bounced or complaining addresses from your e-mail provider: one a line, or separated by commas."
        ),
    )
    reason = forms.ChoiceField(label=_("Reason"), choices=SuppressedAddress.Reason.choices)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)


class SuppressionIndexView(SpreadsheetExportMixin, generic.IndexView):
    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.permission_policy.user_has_permission(self.request.user, "add"):
            buttons.append(HeaderButton(_("Paste a list"), url=reverse(f"{SUPPRESSION}:bulk"), icon_name="doc-full"))
        return buttons


class SuppressionCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class SuppressedAddressViewSet(ModelViewSet):
    model = SuppressedAddress
    icon = "warning"
    menu_label = _("Suppression list")
    index_view_class = SuppressionIndexView
    add_view_class = SuppressionCreateView
    list_display = ["email", "reason", "note", LocalDateColumn("created_at", _("Added"))]
    list_filter = ["reason"]
    search_fields = ["email", "note"]
    search_backend_name = None
    list_export = ["email", "reason", "note", "created_at"]
    export_filename = "suppression-list"
    form_fields = ["email", "reason", "note"]

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("bulk/", self.bulk_view, name="bulk")]

    def bulk_view(self, request):
        if not self.permission_policy.user_has_permission(request.user, "add"):
            raise PermissionDenied
        form = BulkSuppressionForm(request.POST or None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                result = suppression_add_bulk(
                    text=form.cleaned_data["addresses"],
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                )
                messages.success(
                    request,
                    _("%(added)d address(es) added, %(already)d already listed.")
                    % {"added": len(result.added), "already": len(result.already)},
                )
                if result.invalid:
                    messages.warning(
                        request, _("Not addresses, ignored: %(invalid)s") % {"invalid": ", ".join(result.invalid[:20])}
                    )
                return redirect(self.get_url_name("index"))
            status = 400
        context = {
            "page_title": _("Add addresses to the suppression list"),
            "header_icon": self.icon,
            "form": form,
            "index_url": reverse(self.get_url_name("index")),
        }
        return TemplateResponse(request, "members/admin/announcement_suppression_bulk.html", context, status=status)


class CommunicationViewSetGroup(ViewSetGroup):
    menu_label = _("Communication")
    menu_icon = "mail"
    menu_order = 250
    items = (
        AnnouncementViewSet(ANNOUNCEMENTS),
        DeliveryViewSet(DELIVERIES),
        SuppressedAddressViewSet(SUPPRESSION),
    )


# --- History -------------------------------------------------------------------------------------------------


class _CountsFormatter(LogFormatter):
    template = ""

    def format_message(self, log_entry):
        try:
            return self.template % (log_entry.data or {})
        except (KeyError, TypeError):
            return self.message


class SendFormatter(_CountsFormatter):
    label = _("Send announcement")
    message = _("Sending started")
    template = _("Sending started to %(recipients)s address(es), %(skipped)s skipped")


class SentFormatter(_CountsFormatter):
    label = _("Announcement sent")
    message = _("Sent")
    template = _("Sent: %(sent)s delivered, %(failed)s failed, %(skipped)s skipped")


def register_communication_log_actions(actions) -> None:
    actions.register_action("members.announcement_send")(SendFormatter)
    actions.register_action("members.announcement_sent")(SentFormatter)
    actions.register_action("members.announcement_create", _("Write announcement"), _("Announcement written"))
    actions.register_action("members.unsubscribe", _("Unsubscribe"), _("Unsubscribed through an e-mail's link"))
    actions.register_action("members.email_preferences", _("Change e-mail preferences"), _("E-mail preferences saved"))
