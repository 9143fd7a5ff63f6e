"""The embedded SQLite default under a busy admin, through HTTP: several editors at once autosave drafts, publish
their pages and create new ones (the synced page tree then adds their copies in English and Arabic), against
gunicorn serving a file SQLite database configured by the settings themselves (config.database.sqlite_options).
No editor gets an error page ("database is locked"), and every page ends live with what its editor published last.
tests/test_sqlite_busy.py shows the same moment at the level of two connections."""

import html
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.factories.accounts import StaffUserFactory, login_with_mfa
from tests.factories.cms import StandardPageFactory

ROOT = Path(__file__).resolve().parent.parent
EDITORS = 5  # at once, each in a session of their own (gunicorn below: 2 workers of 4 threads)
ROUNDS = 3  # each round: open the editor, autosave AUTOSAVES times, publish, create a page
AUTOSAVES = 2

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the embedded SQLite default only"),
    # The editors' accounts, sessions and pages are committed, then copied into the file the server serves.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database: Path, log: Path):
    """gunicorn as in production (gthread, several workers of several threads) with the test settings, on
    `database`: DATABASE_URL names a SQLite file, so the settings give it their SQLite options."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "PAGE_CACHE_SECONDS"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"sqlite:///{database}",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "site")]),
            "LOG_LEVEL": "WARNING",
        }
    )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        "--workers=2",
        "--threads=4",
        "--worker-class=gthread",
        "--timeout=60",
        "--no-control-socket",
        "--preload",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{base}/admin/login/", timeout=60, allow_redirects=False)
                break
            except requests.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGINT)  # a quick stop: every request has had its answer
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def copy_database(path: Path) -> None:
    """The test database as it is now (migrated, with what the test committed) into the file `path`."""
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as target:
        connection.connection.backup(target)


def page_form(title: str, slug: str, intro: str) -> dict:
    """A standard page's edit form as the editor's browser posts it."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": intro,
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )


def hidden_input(page_html: str, name: str) -> str:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page_html)
    assert match, f"no {name} in the editor"
    return html.unescape(match.group(1))


@dataclass
class Editor:
    """One editor's browser: a session of their own (two-factor authentication passed), on a page of their own."""

    base: str
    session_key: str
    number: int
    page_id: int
    home_id: int
    slug: str
    responses: list[tuple[str, int]] = field(default_factory=list)  # (what the editor did, HTTP status)
    failure: BaseException | None = None

    def __post_init__(self):
        self.http = requests.Session()
        self.http.cookies.set(settings.SESSION_COOKIE_NAME, self.session_key)

    def request(self, what: str, method: str, url: str, **kwargs) -> requests.Response:
        response = self.http.request(method, f"{self.base}{url}", timeout=60, allow_redirects=False, **kwargs)
        self.responses.append((what, response.status_code))
        return response

    def statuses(self, what: str) -> list[int]:
        return [status for done, status in self.responses if done == what]

    def work(self) -> None:
        try:
            for round_ in range(ROUNDS):
                self.edit_and_publish(round_)
                self.create_page(round_)
        except BaseException as failure:  # raised in the editor's thread: the test reports it
            self.failure = failure

    def edit_and_publish(self, round_: int) -> None:
        edit_url = f"/admin/pages/{self.page_id}/edit/"
        editor = self.request("open the editor", "GET", edit_url)
        if editor.status_code != 200:
            return
        loaded = {
            "csrfmiddlewaretoken": self.http.cookies["csrftoken"],
            "loaded_revision_id": hidden_input(editor.text, "loaded_revision_id"),
            "loaded_revision_created_at": hidden_input(editor.text, "loaded_revision_created_at"),
        }
        # The editor tells the others it is open (Wagtail's editing sessions).
        ping_url = re.search(r'data-w-swap-src-value="([^"]+)"', editor.text)
        assert ping_url, "no editing session in the editor"
        self.request("ping", "POST", html.unescape(ping_url.group(1)), data={**loaded, "is_editing": "1"})
        # Wagtail 8's autosave: the editor's form posted in the background, answered in JSON; the first one makes a
        # revision, the next ones overwrite it.
        for autosave in range(AUTOSAVES):
            draft = page_form(draft_title(self.number, round_, autosave), self.slug, f"Brouillon {round_}.{autosave}")
            response = self.request(
                "autosave", "POST", edit_url, data={**draft, **loaded}, headers={"Accept": "application/json"}
            )
            if response.status_code == 200 and response.json()["success"]:
                loaded["overwrite_revision_id"] = str(response.json()["revision_id"])
        published = page_form(published_title(self.number, round_), self.slug, published_intro(round_))
        self.request("publish", "POST", edit_url, data={**published, **loaded, "action-publish": "publish"})

    def create_page(self, round_: int) -> None:
        add_url = f"/admin/pages/add/cms/standardpage/{self.home_id}/"
        new_page = page_form(
            created_title(self.number, round_), created_slug(self.number, round_), "Créée pendant que d'autres publient"
        )
        data = {**new_page, "csrfmiddlewaretoken": self.http.cookies["csrftoken"], "action-publish": "publish"}
        self.request("create a page", "POST", add_url, data=data)


def draft_title(editor: int, round_: int, autosave: int) -> str:
    return f"Éditeur {editor}, brouillon {round_}.{autosave}"


def published_title(editor: int, round_: int) -> str:
    return f"Éditeur {editor}, version {round_}"


def published_intro(round_: int) -> str:
    return f"Publiée au tour {round_}"


def created_title(editor: int, round_: int) -> str:
    return f"Nouvelle page {editor}.{round_}"


def created_slug(editor: int, round_: int) -> str:
    return f"nouvelle-page-{editor}-{round_}"


def rows(database: Path, sql: str, *params) -> list[tuple]:
    with closing(sqlite3.connect(database)) as served:
        return served.execute(sql, params).fetchall()


def run_editors(database: Path, log: Path, editors_pages: list, home: Page) -> tuple[list[Editor], dict[str, str]]:
    """Every editor at once against one gunicorn; then what visitors see of each editor's page and of the English
    copy of the last page each one created."""
    with gunicorn(database, log) as base:
        editors = [
            Editor(base, session_key, number, page.pk, home.pk, page.slug)
            for number, (session_key, page) in enumerate(editors_pages)
        ]
        threads = [threading.Thread(target=editor.work) for editor in editors]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=180)
        for editor in editors:
            editor.http.close()  # no connection kept alive to slow gunicorn's stop
        urls = [page.url for _key, page in editors_pages]
        urls += [f"/en/{created_slug(editor.number, ROUNDS - 1)}/" for editor in editors]
        seen = {url: requests.get(f"{base}{url}", timeout=60).text for url in urls}
    return editors, seen


def test_editors_publishing_autosaving_and_creating_pages_at_once_never_get_database_is_locked(tmp_path):
    home = Site.objects.get(is_default_site=True).root_page
    editors_pages = []
    for number in range(EDITORS):
        client = login_with_mfa(Client(), StaffUserFactory())
        page = StandardPageFactory(parent=home, title=f"Éditeur {number}", slug=f"page-editeur-{number}")
        page.save_revision().publish()
        editors_pages.append((client.cookies[settings.SESSION_COOKIE_NAME].value, page))
    page_type = ContentType.objects.get_for_model(Page).pk
    database, log = tmp_path / "majlis.sqlite3", tmp_path / "gunicorn.log"
    copy_database(database)

    editors, seen = run_editors(database, log, editors_pages, home)

    server_log = log.read_text()
    errors = [(editor.number, *response) for editor in editors for response in editor.responses if response[1] >= 500]
    assert not errors, server_log[-5000:]
    assert "database is locked" not in server_log
    assert rows(database, "PRAGMA journal_mode") == [("wal",)]  # the server ran with the settings' options
    for editor in editors:
        assert editor.failure is None
        assert editor.statuses("autosave") == [200] * ROUNDS * AUTOSAVES
        assert editor.statuses("publish") == [302] * ROUNDS
        assert editor.statuses("create a page") == [302] * ROUNDS

        # Live with what was published last, no draft left over.
        last_title, last_intro = published_title(editor.number, ROUNDS - 1), published_intro(ROUNDS - 1)
        [(title, live, has_draft, live_revision, latest_revision)] = rows(
            database,
            "SELECT title, live, has_unpublished_changes, live_revision_id, latest_revision_id "
            "FROM wagtailcore_page WHERE id = ?",
            editor.page_id,
        )
        assert (title, live, has_draft, live_revision) == (last_title, 1, 0, latest_revision)
        [(content,)] = rows(database, "SELECT content FROM wagtailcore_revision WHERE id = ?", live_revision)
        assert (json.loads(content)["title"], json.loads(content)["intro"]) == (last_title, last_intro)
        assert last_title in seen[editors_pages[editor.number][1].url]
        # The revision published at set-up, then each round the first autosave's and the publication's.
        [(revisions,)] = rows(
            database,
            "SELECT count(*) FROM wagtailcore_revision WHERE base_content_type_id = ? AND object_id = ?",
            page_type,
            str(editor.page_id),
        )
        assert revisions == 1 + 2 * ROUNDS

        # Every page created is live, with its copies in English and Arabic.
        for round_ in range(ROUNDS):
            [(created, live)] = rows(
                database,
                "SELECT id, live FROM wagtailcore_page WHERE title = ? AND alias_of_id IS NULL",
                created_title(editor.number, round_),
            )
            copies = rows(
                database,
                "SELECT language_code, live FROM wagtailcore_page JOIN wagtailcore_locale "
                "ON wagtailcore_locale.id = locale_id WHERE alias_of_id = ? ORDER BY language_code",
                created,
            )
            assert (live, copies) == (1, [("ar", 1), ("en", 1)])
        assert created_title(editor.number, ROUNDS - 1) in seen[f"/en/{created_slug(editor.number, ROUNDS - 1)}/"]
