"""The staff side of the journey tests: the secretariat's roles and the news moderation workflow, and the
accessibility check of Wagtail admin pages.

Transactional browser tests start from an empty database, so the groups and the workflow that the migrations
made are gone. restore_roles_and_workflow() runs those migrations' own functions again, on the migrations'
model state, so the tests see exactly the roles and the workflow a real site has.
"""

import importlib
import json
from functools import cache

import pytest
from django.contrib.auth.models import Group
from django.db.migrations.loader import MigrationLoader
from wagtail.models import Collection

from tests.e2e.axe import REPORTS, _report_name, format_violations, run_axe
from tests.factories.accounts import StaffUserFactory

SECRETARIAT = "Secrétariat"
EDITOR = "Rédacteur"
# The Wagtail admin's pages are heavier than the site's: on a busy CI machine they may take over 10 s to load.
NAVIGATION_TIMEOUT = 30_000


@cache
def _migration_apps():
    return MigrationLoader(None, ignore_no_migrations=True).project_state().apps


def restore_roles_and_workflow() -> None:
    """The roles' groups (Secrétariat, Rédacteur, Trésorier, Responsable des événements, Modérateur) with their
    permissions, and the "Modération des actualités" workflow (one task) on the root page. Run after the pages exist:
    page permissions and the workflow go to the root page."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    apps = _migration_apps()
    cms = importlib.import_module("cms.migrations.0002_locales_home_secretariat_workflow")
    roles = importlib.import_module("members.migrations.0013_roles")
    french = importlib.import_module("cms.migrations.0004_role_and_workflow_names_in_french")
    # The creators look their groups up by the names they had then (English): give those back first, so that after
    # the migrations (not after a flush) they find the groups rather than making English twins.
    french.to_english(apps, None)
    cms.create_secretariat_and_workflow(apps, None)
    roles.create_roles(apps, None)
    french.to_french(apps, None)


def staff_in(group: str, **fields):
    """A staff account (not a superuser) whose only rights are those of one role."""
    user = StaffUserFactory(is_superuser=False, **fields)
    user.groups.add(Group.objects.get(name=group))
    return user


# Wagtail's admin markup is Wagtail's, not ours: on admin pages only critical violations fail the test (the
# serious ones found there come from Wagtail's own templates and widgets); the full result is still kept.
ADMIN_BLOCKING = {"critical"}
# Critical violations of Wagtail's own widgets, left out: the text box that jQuery tag-it adds to Wagtail's tag
# field (the field's <label> points to the hidden input it fills).
WAGTAIL_OWN = {".ui-autocomplete-input"}


def check_admin_accessibility(page, name: str) -> dict:
    """check_accessibility for Wagtail admin pages: saves test-output/axe/<name>.json, fails on critical
    violations outside Wagtail's own widgets."""
    results = run_axe(page)
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{_report_name(name)}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    blocking = []
    for violation in results["violations"]:
        nodes = [node for node in violation["nodes"] if not set(map(str, node["target"])) <= WAGTAIL_OWN]
        if violation["impact"] in ADMIN_BLOCKING and nodes:
            blocking.append({**violation, "nodes": nodes})
    if blocking:
        pytest.fail(
            f"Critical accessibility violations on {results['url']} [{name}]:\n" + format_violations(blocking),
            pytrace=False,
        )
    return results
