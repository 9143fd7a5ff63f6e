"""The Event manager role edits the pages under every events index, including indexes created later."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save

from events.models import EventIndexPage

EVENT_MANAGER = "Event manager"
EVENT_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def grant_event_managers(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    from wagtail.models import GroupPagePermission

    group = Group.objects.filter(name=EVENT_MANAGER).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", codename__in=EVENT_PAGE_PERMISSIONS
    )
    for permission in permissions:
        GroupPagePermission.objects.get_or_create(group=group, page=instance, permission=permission)


def connect() -> None:
    post_save.connect(grant_event_managers, sender=EventIndexPage, dispatch_uid="events_grant_event_managers")
