"""The event managers edit the pages under every events index, including indexes created later.

An event manager is any role allowed to set up an event's registration (`events.change_registrationsettings`):
the role is found by what it may do, never by its name, which the secretariat may change in the admin."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save

from events.models import EventIndexPage

EVENT_WORK = ("events", "change_registrationsettings")
EVENT_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def grant_event_managers(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from wagtail.models import GroupPagePermission

    app_label, codename = EVENT_WORK
    groups = Group.objects.filter(permissions__content_type__app_label=app_label, permissions__codename=codename)
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", codename__in=EVENT_PAGE_PERMISSIONS
    )
    for group in groups.distinct():
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=instance, permission=permission)


def connect() -> None:
    post_save.connect(grant_event_managers, sender=EventIndexPage, dispatch_uid="events_grant_event_managers")
