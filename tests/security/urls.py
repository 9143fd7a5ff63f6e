"""Every URL pattern of the project, and a concrete address for each, filled from the security world."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.signing import TimestampSigner
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from payments.links import SALT as LINK_SALT

MISSING = 999_999  # for objects the world has none of: the view must answer 404, never 500


@dataclass(frozen=True)
class Pattern:
    route: str  # the full route, the key of the expectation tables
    name: str | None
    callback: object

    @property
    def view_model(self):
        """The model a Wagtail viewset's view works on, when it says so."""
        model = getattr(self.callback, "view_initkwargs", {}).get("model")
        return apps.get_model(model) if isinstance(model, str) else model


def all_patterns(patterns=None, prefix="", namespace=None) -> list[Pattern]:
    found = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            found += all_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            found.append(Pattern(prefix + str(entry.pattern), name, entry.callback))
    return found


def unique_patterns() -> list[Pattern]:
    """One per route: a route listed twice (allauth's reset key, overridden by ours) is served by the first."""
    seen, unique = set(), []
    for pattern in all_patterns():
        if pattern.route not in seen:
            seen.add(pattern.route)
            unique.append(pattern)
    return unique


def _first_pk(model) -> int:
    obj = model._default_manager.order_by("pk").first()
    return obj.pk if obj else MISSING


def _model_from_route(route: str):
    """django-admin/<app>/<model>/… and admin/snippets/[choose/]<app>/<model>/…"""
    match = re.match(r"(?:django-admin|admin/snippets(?:/choose)?)/(\w+)/(\w+)/", route)
    if match:
        try:
            return apps.get_model(match[1], match[2])
        except LookupError:
            return None
    return None


# Addresses written out for the patterns whose routes are regular expressions.
def explicit_urls(world) -> dict[str, str]:
    o = world.objects
    page, revision = o["event"].pk, o["event"].latest_revision_id
    return {
        "^admin/password_reset/": "/admin/password_reset/",
        "^django-admin/password_change/": "/django-admin/password_change/",
        "documents/^(\\d+)/(.*)$": f"/documents/{o['document'].pk}/{o['document'].filename}",
        "admin/^.*/$": "/admin/nothing-here/",
        "^accounts/password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": "/accounts/password/reset/key/1-x/",
        "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": "/accounts/password/reset/key/1-x/",
        "^((?:[\\w\\-]+/)*)$": o["event"].url,
        "django-admin/^(?P<app_label>wagtaildocs|wagtailimages|taggit|django_tasks_database|account|mfa|auth)/$": (
            "/django-admin/auth/"
        ),
        "django-admin/(?P<url>.*)$": "/django-admin/nothing-here/",
        "admin/pages/^(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\."
        "(?P<revision_id_b>live|latest|\\d+)/$": f"/admin/pages/{page}/revisions/compare/earliest...{revision}/",
    }


def _pk_for(route: str, pattern: Pattern, world) -> int:
    o = world.objects
    by_prefix = {
        "my-space/companies/<slug:slug>/people/": o["person_member_a"].pk,
        "my-space/companies/<slug:slug>/invitations/": o["invitation"].pk,
        "board/": o["post"].pk,
        "my-space/board/conversations/": o["conversation"].pk,
        "meetings/requests/": o["meeting_request"].pk,
        "meetings/": o["brokerage"].pk,
        "calendar/events/": o["event"].pk,
        "payments/receipts/": o["receipt"].pk,
        "admin/payments_invoices/": o["invoice"].pk,
        "admin/members_import/": MISSING,
        "admin/payments_reconciliation/": MISSING,
        "admin/partnerships_brokerage/meeting/": o["meeting_request"].pk,
        "admin/partnerships_brokerage/": o["brokerage"].pk,
        "admin/partnerships_review/": o["post"].pk,
        "admin/collections/": o["collection"].pk,
        "admin/workflows/": _first_pk(apps.get_model("wagtailcore", "Workflow")),
        "admin/workflows/tasks/": _first_pk(apps.get_model("wagtailcore", "Task")),
        "admin/settings/": 1,
        "admin/api/main/^pages/": o["event"].pk,
        "admin/api/main/^images/": o["image"].pk,
        "admin/api/main/^documents/": o["document"].pk,
        "admin/snippets/choose/": _first_pk(_model_from_route(route) or apps.get_model("cms", "NewsCategory")),
        "admin/translation/submit/snippet/": _first_pk(apps.get_model("cms", "NewsCategory")),
    }
    for prefix in sorted(by_prefix, key=len, reverse=True):
        if route.startswith(prefix):
            return by_prefix[prefix]
    model = pattern.view_model or _model_from_route(route)
    return _first_pk(model) if model else MISSING


def fill(pattern: Pattern, world) -> str:
    """A concrete address for the pattern (French, the default language: no prefix)."""
    explicit = explicit_urls(world)
    if pattern.route in explicit:
        return explicit[pattern.route]
    o = world.objects
    route = pattern.route
    event, page = o["event"], o["event"].pk
    content_type = ContentType.objects.get_for_model(type(o["company_a"]))
    values = {
        "slug": o["company_a"].slug,
        "event_id": event.pk,
        "public_id": o["order"].public_id,
        "number": o["invoice"].number,
        "code": o["registration"].code,
        "profile_pk": o["profile_a"].pk,
        "page_id": page,
        "parent_page_id": o["event_index"].pk,
        "page_to_move_id": page,
        "destination_id": o["home"].pk,
        "page_pk": page,
        "revision_id": event.latest_revision_id,
        "image_id": o["image"].pk,
        "document_id": o["document"].pk,
        "doc_id": o["document"].pk,
        "redirect_id": MISSING,
        "query_id": MISSING,
        "collection_id": o["collection"].pk,
        "task_id": _first_pk(apps.get_model("wagtailcore", "Task")),
        "workflow_pk": _first_pk(apps.get_model("wagtailcore", "Workflow")),
        "task_state_id": MISSING,
        "workflow_state_id": MISSING,
        "uploaded_file_id": MISSING,
        "session_id": MISSING,
        "restriction_id": MISSING,
        "page_view_restriction_id": MISSING,
        "content_type_app_name": "events",
        "content_type_model_name": "eventpage",
        "filter_spec": "max-100x100",
        "action_name": "approve",
        "content_type_id": content_type.pk,
        "object_id": o["company_a"].pk,
        "language_code": "ar",
    }
    if route.startswith("invitations/"):
        values["token"] = o["invitation_token"]
    elif route.startswith("unsubscribe/"):
        values["token"] = o["unsubscribe_token"]
    elif route.startswith("waitlist/"):
        values["token"] = o["waitlist"].token
    elif route.startswith("calendar/me/"):
        values["token"] = o["feed_token"]
    elif route.startswith("payments/orders/link/"):
        # A well-signed link to an order that does not exist: a real one would let the sweep's session pay company
        # A's order for the rest of the sweep (the link is a bearer credential: tests/payments/test_guest_access.py).
        values["token"] = TimestampSigner(salt=LINK_SALT).sign_object(
            {"o": "00000000-0000-4000-8000-000000000000", "u": int((timezone.now() + timedelta(days=2)).timestamp())}
        )
    if route.startswith("my-space/board/conversations/"):
        values["action"] = "close"
    elif route.startswith("meetings/requests/"):
        values["action"] = "accept"
    elif route.startswith("admin/bulk/"):
        values.update(app_label="wagtailcore", model_name="page", action="delete")
    if route.startswith("admin/settings/"):
        values.update(app_name="cms", model_name="associationsettings")
    elif route.startswith("admin/tag-autocomplete/"):
        values.update(app_name="wagtailimages", model_name="image")
    elif route.startswith(("admin/pages/create/", "admin/translation/submit/snippet/")):
        values.update(app_label="cms", model_name="newscategory" if "snippet" in route else "newspage")
    elif route.startswith("admin/workflows/tasks/add/"):
        values.update(app_label="wagtailcore", model_name="groupapprovaltask")
    elif route.startswith("admin/editing-sessions/ping/"):
        values.update(app_label="wagtailcore", model_name="page", object_id=page)
    if route.startswith("django-admin/") and "<path:object_id>" in route:
        values["object_id"] = _pk_for(route, pattern, world)

    def replace(match):
        name = match[2]
        if name in ("pk",):
            return str(_pk_for(route, pattern, world))
        if name not in values:
            raise KeyError(f"No value for <{match[1]}:{name}> in {route!r}: add one to tests/security/urls.py")
        return str(values[name])

    return "/" + re.sub(r"<(\w+):(\w+)>", replace, route).replace("^", "")
