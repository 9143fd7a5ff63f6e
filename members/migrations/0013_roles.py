"""The secretariat's roles as Wagtail groups, each with exactly the permissions it needs.

- Secretariat: everything (pages, news, members, money, events, the board, communication).
- Editor: pages and news, images and documents; submits pages to the Secretariat for approval; no money.
- Treasurer: orders, payments, invoices, reconciliation; plans and memberships; sees companies.
- Event manager: registrations, tickets, questions, waitlists, check-in; edits the pages under the event indexes.
- Moderator: reviews board posts (never the private conversations).

Wagtail's own default groups "Editors" and "Moderators" become "Editor" and "Moderator", so that nobody keeps an
unexplained group. Re-running sets each role's permissions to this list again.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT = "Secretariat"
EDITOR = "Editor"
TREASURER = "Treasurer"
EVENT_MANAGER = "Event manager"
MODERATOR = "Moderator"

ALL = "__all__"
SECRETARIAT_APPS = ["cms", "members", "payments", "events", "partnerships", "wagtailredirects", "wagtailforms"]

ROLES = {
    EDITOR: {
        "cms": ["add_newscategory", "change_newscategory", "delete_newscategory", "view_newscategory"],
        "events": ["add_speaker", "change_speaker", "delete_speaker", "view_speaker"],
    },
    TREASURER: {
        "payments": ALL,
        "members": [
            "view_organisation",
            "view_membership",
            "view_membershipreminder",
            "add_membershipplan",
            "change_membershipplan",
            "view_membershipplan",
        ],
    },
    EVENT_MANAGER: {
        "events": [
            "add_registration",
            "change_registration",
            "view_registration",
            "view_answer",
            "add_tickettype",
            "change_tickettype",
            "delete_tickettype",
            "view_tickettype",
            "add_question",
            "change_question",
            "delete_question",
            "view_question",
            "add_registrationsettings",
            "change_registrationsettings",
            "view_registrationsettings",
            "change_waitlistentry",
            "view_waitlistentry",
            "add_speaker",
            "change_speaker",
            "delete_speaker",
            "view_speaker",
        ],
        "members": ["view_organisation"],
    },
    MODERATOR: {
        "partnerships": ["view_post", "change_post"],
    },
}

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
EVENT_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MEDIA = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def _ensure_permissions(apps):
    # Permissions are normally created after all migrations ran; create those handed out here now.
    for app_label in [*SECRETARIAT_APPS, "wagtailcore", "wagtailimages", "wagtaildocs", "wagtailadmin"]:
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            continue
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def _permissions(apps, app_label, codenames):
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label=app_label)
    return permissions if codenames == ALL else permissions.filter(codename__in=codenames)


def create_roles(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    EventIndexPage = apps.get_model("events", "EventIndexPage")

    _ensure_permissions(apps)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )

    for old, new in (("Editors", EDITOR), ("Moderators", MODERATOR)):
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)

    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT)
    secretariat.permissions.add(access_admin)
    for app_label in SECRETARIAT_APPS:
        secretariat.permissions.add(*_permissions(apps, app_label, ALL))

    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([access_admin])
        for app_label, codenames in grants.items():
            group.permissions.add(*_permissions(apps, app_label, codenames))
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()

    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    page_permissions = Permission.objects.filter(content_type__app_label="wagtailcore", content_type__model="page")
    editor = Group.objects.get(name=EDITOR)
    event_manager = Group.objects.get(name=EVENT_MANAGER)
    if root is not None:
        for permission in page_permissions.filter(codename__in=EDITOR_PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(group=editor, page=root, permission=permission)
    for index in EventIndexPage.objects.all():
        for permission in page_permissions.filter(codename__in=EVENT_PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(group=event_manager, page_id=index.pk, permission=permission)
    if root_collection is not None:
        for group in (editor, event_manager):
            for app_label, codenames in MEDIA.items():
                for permission in _permissions(apps, app_label, codenames):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0012_communications"),
        ("cms", "0002_locales_home_secretariat_workflow"),
        ("events", "0003_calendars"),
        ("payments", "0001_initial"),
        ("partnerships", "0002_search_index_and_secretariat"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
