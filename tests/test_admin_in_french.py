"""The French admin speaks French: every admin page our apps own, walked on the demo site as the secretariat, shows
no English interface string, no raw value (`True`, `None`, a stored code such as `awaiting_payment`) and no English
role or workflow name.

The walk starts at the dashboard and follows the links of our own pages (one address per view, so that forty
company pages cost one), plus the Wagtail pages that show our roles and workflows (groups, a new user). Text
typed by people (page titles, company descriptions in their English field) is data, not interface: it lives in
form fields, which the walk does not read.
"""

import re
import time
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import Resolver404, resolve
from django.utils.translation import trans_real

from tests.security.urls import all_patterns

pytestmark = pytest.mark.django_db

OUR_APPS = ("core", "cms", "members", "payments", "events", "partnerships")
# Wagtail pages that show what our apps define: the roles (groups) and the workflows.
WAGTAIL_PAGES_WITH_OUR_DATA = [
    "/admin/groups/",
    "/admin/users/new/",
    "/admin/workflows/list/",
    "/admin/workflows/tasks/index/",
    "/admin/members_memberships/?renewal_due=true",  # a yes/no filter in force
]
# Words only English uses, as whole words: a text holding one is English (French shares "Date", "Export", "Total").
ENGLISH_WORDS = {
    *[
        "the",
        "of",
        "and",
        "with",
        "your",
        "this",
        "is",
        "are",
        "has",
        "have",
        "been",
        "will",
        "which",
        "from",
        "should",
        "must",
        "you",
        "were",
        "was",
    ],
    *[
        "display",
        "status",
        "sheet",
        "moderator",
        "moderators",
        "editor",
        "editors",
        "treasurer",
        "manager",
        "secretariat",
        "approval",
    ],
    *["moderation", "members", "none", "true", "false", "yes"],
}
RAW_VALUES = {"True", "False", "None"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NOT_READ = {"script", "style", "template", "svg", "textarea", "kbd"}


class VisibleText(HTMLParser):
    """The text a person reads on the page, and the links they can follow."""

    def __init__(self):
        super().__init__()
        self.hidden, self.texts, self.links = 0, [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        other_language = "lang" in attributes and not attributes["lang"].startswith("fr")
        if tag in NOT_READ or (self.hidden and tag not in VOID) or "hidden" in attributes or other_language:
            self.hidden += 1
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        for name in ("placeholder", "title", "aria-label"):
            if attributes.get(name):
                self.texts.append(attributes[name])

    def handle_endtag(self, tag):
        if self.hidden and tag not in VOID:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def english_catalogue() -> dict[str, str]:
    """Every English msgid the French catalogues translate differently: if one shows as is, it escaped translation."""
    catalogue = {}
    for msgid, msgstr in trans_real.translation("fr")._catalog.items():
        text = msgid[0] if isinstance(msgid, tuple) else msgid
        if isinstance(text, str) and msgstr and msgstr != text and len(text) > 3:
            catalogue[text] = msgstr
    return catalogue


def raw_codes() -> set[str]:
    """The stored codes of our models' choices ("awaiting_payment", "souss-massa", "medium"), which the admin must
    show by their labels."""
    from django.apps import apps

    codes, labels = set(), set()
    for model in apps.get_models():
        if model._meta.app_label not in OUR_APPS:
            continue
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and len(value) > 3:
                    codes.add(value)
                    labels.add(str(label))
    return codes - labels


def typed_by_people() -> set[str]:
    """What people typed in English or Arabic (pages and categories of those locales, `*_en`/`*_ar` fields, e-mail
    addresses): data the admin rightly shows as typed."""
    from wagtail.models import Page

    from cms.models import NewsCategory
    from members.models import Organisation, Sector

    data = set(Page.objects.exclude(locale__language_code="fr").values_list("title", flat=True))
    data |= set(NewsCategory.objects.exclude(locale__language_code="fr").values_list("name", flat=True))
    data |= {name for pair in Sector.objects.values_list("name_en", "name_ar") for name in pair}
    data |= {text for row in Organisation.objects.values_list("description_en", "contact_email") for text in row}
    return {" ".join(text.split()) for text in data if text}


def is_english(text: str, catalogue: dict[str, str], french: set[str], data: set[str], codes: set[str]) -> bool:
    # Data quoted in a sentence ("Plus d'options pour « Members only »") is data.
    text = re.sub(r"«\s*(.*?)\s*»", lambda quoted: "«»" if quoted[1] in data else quoted[0], text)
    bare = text.strip().rstrip(":").strip()
    if bare in french or text in data or "@" in text:
        return False  # a French translation ("Active", "Note"), or data
    if bare in RAW_VALUES or bare in catalogue or bare in codes:
        return True
    return any(word.lower() in ENGLISH_WORDS for word in re.findall(r"[A-Za-z]+", text))


def ours(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    module = getattr(match.func, "__module__", "") or ""
    model = getattr(match.func, "view_initkwargs", {}).get("model")
    return (
        module.split(".")[0] in OUR_APPS
        or (model is not None and not isinstance(model, str) and model._meta.app_label in OUR_APPS)
        or match.namespace.split("_")[0] in OUR_APPS
    )


def view_of(path: str) -> str | None:
    try:
        return resolve(path.split("?")[0]).view_name + ("?" if "?" in path else "")
    except Resolver404:
        return None


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    with (
        override_settings(DEMO_LOGINS_FILE=tmp_path_factory.mktemp("demo") / "logins.json"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("seed_demo", "--no-images", verbosity=0)
        yield
        transaction.set_rollback(True)


def walk_the_french_admin(client, limit: int = 400) -> dict[str, list[str]]:
    """{English text: [pages showing it]} over our admin pages."""
    catalogue, found, data = english_catalogue(), {}, typed_by_people()
    codes = raw_codes()
    french = {text for _msgid, text in trans_real.translation("fr")._catalog.items() if isinstance(text, str)}
    # Every admin address of ours without a parameter (the menu's entries and more), then the links they show.
    starts = [
        f"/{p.route}" for p in all_patterns() if p.route.startswith("admin/") and not re.search(r"[<(^$]", p.route)
    ]
    queue = ["/admin/", *WAGTAIL_PAGES_WITH_OUR_DATA, *(path for path in starts if ours(path))]
    seen, views = set(), set()
    while queue and len(seen) < limit:
        path = queue.pop(0)
        view = view_of(path)
        if path in seen or view is None or view in views:
            continue
        seen.add(path)
        views.add(view)
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = VisibleText()
        page.feed(response.content.decode())
        for text in page.texts:
            if is_english(text, catalogue, french, data, codes):
                found.setdefault(text, []).append(path)
        for link in page.links:
            link = link.split("#")[0]
            if link.startswith("/admin/") and ours(link.split("?")[0]) and not re.search(r"delete|logout", link):
                queue.append(link)
    assert len(views) > 100, f"the walk reached only {len(views)} admin views"
    return found


def test_the_french_admin_shows_no_english(demo, client):
    secretariat = get_user_model().objects.get(email="secretariat@majlis.example")

    client.force_login(secretariat)  # the demo account has its authenticator: as after its code was typed
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "type": "totp", "at": time.time()}]
    session["account_authentication_methods_user"] = str(secretariat.pk)
    session.save()

    found = walk_the_french_admin(client)

    assert not found, "English in the French admin:\n" + "\n".join(
        f"{text!r} on {pages[0]}" for text, pages in found.items()
    )
