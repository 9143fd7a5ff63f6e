from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from members import reach_report
from members.admin_panels import DuesPanel, MembersPanel
from members.communications.viewsets import (
    AnnouncementPermissionPolicy,
    CommunicationViewSetGroup,
    DeliveryPermissionPolicy,
    register_communication_log_actions,
)
from members.log_formatters import FORMATTERS
from members.models import Announcement, Consent, Delivery, Membership, MembershipApplication
from members.viewsets import ApplicationPermissionPolicy, MembersViewSetGroup, ReadOnlyPermissionPolicy

register_permission_policy(MembershipApplication, ApplicationPermissionPolicy(MembershipApplication))
register_permission_policy(Consent, ReadOnlyPermissionPolicy(Consent))
register_permission_policy(Membership, ReadOnlyPermissionPolicy(Membership))


@hooks.register("register_admin_viewset")
def register_members_viewsets():
    return MembersViewSetGroup()


@hooks.register("register_log_actions")
def register_members_log_actions(actions):
    for action, formatter_class in FORMATTERS.items():
        actions.register_action(action)(formatter_class)
    actions.register_action("members.application_submit", _("Submit application"), _("Application submitted"))
    actions.register_action("members.account_delete", _("Delete account"), _("Account deleted at the person's request"))
    actions.register_action("members.renewal_reminder", _("Renewal reminder"), _("Renewal reminder sent"))
    actions.register_action("members.import_apply", _("Import members"), _("Member list imported"))


@hooks.register("register_admin_urls")
def register_unreachable_report_urls():
    return reach_report.urls()


@hooks.register("register_reports_menu_item")
def register_unreachable_report_menu_item():
    return reach_report.menu_item()


@hooks.register("construct_homepage_panels")
def add_members_panel(request, panels):
    if request.user.has_perm("members.view_organisation") or request.user.has_perm("members.change_organisation"):
        panels.append(MembersPanel())


@hooks.register("construct_homepage_panels")
def add_dues_panel(request, panels):
    if request.user.has_perm("payments.view_order") or request.user.has_perm("payments.change_order"):
        panels.append(DuesPanel())


# --- Communication: announcements, deliveries, suppression list ----------------------------------------------

register_permission_policy(Announcement, AnnouncementPermissionPolicy(Announcement))
register_permission_policy(Delivery, DeliveryPermissionPolicy(Delivery))


@hooks.register("register_admin_viewset")
def register_communication_viewsets():
    return CommunicationViewSetGroup()


@hooks.register("register_log_actions")
def register_communication_log_actions_hook(actions):
    register_communication_log_actions(actions)
