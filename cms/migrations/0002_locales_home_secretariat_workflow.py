"""Initial data: the three languages, a home page, the Secretariat group and the news moderation workflow.

Editors (Wagtail's default group) write and submit; the Secretariat approves and publishes.
"""

import uuid

from django.contrib.auth.management import create_permissions
from django.db import migrations

LANGUAGES = ["fr", "en", "ar"]
SECRETARIAT = "Secretariat"
WORKFLOW = "News moderation"
TASK = "Secretariat approval"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}
MODEL_PERMISSIONS = {
    "cms": [
        "change_associationsettings",
        "change_navigationsettings",
        "add_newscategory",
        "change_newscategory",
        "delete_newscategory",
    ],
}


def _ensure_permissions(apps, *app_labels):
    # Permissions are normally created after all migrations ran; create those this migration hands out now.
    for app_label in app_labels:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def create_home_page(apps, schema_editor):
    """Replace Wagtail's "Welcome" page by a HomePage, unless the site root was already changed."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("cms", "HomePage")

    page_type = ContentType.objects.get_for_model(Page)
    welcome = Page.objects.filter(depth=2, content_type=page_type, slug="home").first()
    if welcome is None or Page.objects.filter(depth__gt=2).exists():
        return
    locale = Locale.objects.get(language_code="fr")
    sites = list(Site.objects.filter(root_page=welcome))
    path = welcome.path
    welcome.delete()
    home = HomePage.objects.create(
        title="Accueil",
        draft_title="Accueil",
        slug="home",
        content_type=ContentType.objects.get_for_model(HomePage),
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
        hero_title="Les entreprises du numérique, ensemble",
    )
    for site in sites:
        site.root_page_id = home.pk
        site.save()
    if not sites:
        Site.objects.create(hostname="localhost", root_page_id=home.pk, is_default_site=True)


def create_secretariat_and_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    _ensure_permissions(apps, "wagtailcore", "wagtailimages", "wagtaildocs", "cms")

    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    secretariat.permissions.add(access_admin)
    for app_label, codenames in MODEL_PERMISSIONS.items():
        secretariat.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        page_permissions = Permission.objects.filter(
            content_type__app_label="wagtailcore", content_type__model="page", codename__in=PAGE_PERMISSIONS
        )
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=secretariat, page=root, permission=permission)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames):
                GroupCollectionPermission.objects.get_or_create(
                    group=secretariat, collection=root_collection, permission=permission
                )

    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(
            name=TASK,
            active=True,
            content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")[0],
        )
    task.groups.add(secretariat)
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if root is not None:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_locales, migrations.RunPython.noop),
        migrations.RunPython(create_home_page, migrations.RunPython.noop),
        migrations.RunPython(create_secretariat_and_workflow, migrations.RunPython.noop),
    ]
