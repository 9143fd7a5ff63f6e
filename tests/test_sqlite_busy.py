"""The embedded SQLite default under a busy admin: a transaction that read before writing, while another one writes,
waits for its turn instead of failing with "database is locked" (config.database.sqlite_options)."""

import threading

from django.db import OperationalError, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from config.database import sqlite_options
from tests.test_settings import read_setting

OLD_OPTIONS = {}  # what the settings had before: rollback journal, DEFERRED transactions, Python's 5 s timeout


def wrapper(path, options):
    return DatabaseWrapper(
        {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": options,
            "TIME_ZONE": None,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        },
        alias="busy",
    )


def publish_while_autosaving(path, options) -> list[str]:
    """Two editors' requests at once: one reads the page then writes its new revision (publishing); the other
    writes meanwhile (an autosave). Returns each one's outcome."""
    setup = wrapper(path, options)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE revision (id INTEGER PRIMARY KEY, who TEXT)")
    setup.close()
    read_done, autosaved = threading.Event(), threading.Event()
    outcomes = {}

    def run(name, body):
        connections["busy"] = wrapper(path, options)
        try:
            body()
            outcomes[name] = "saved"
        except OperationalError as error:
            outcomes[name] = str(error)
        finally:
            connections["busy"].close()

    def publish():
        with transaction.atomic(using="busy"), connections["busy"].cursor() as cursor:
            cursor.execute("SELECT count(*) FROM revision")
            read_done.set()
            autosaved.wait(timeout=1)  # with the write lock taken at BEGIN, the autosave waits for us: go on
            cursor.execute("INSERT INTO revision (who) VALUES ('publish')")

    def autosave():
        read_done.wait(timeout=5)
        with transaction.atomic(using="busy"), connections["busy"].cursor() as cursor:
            cursor.execute("INSERT INTO revision (who) VALUES ('autosave')")
        autosaved.set()

    threads = [threading.Thread(target=run, args=args) for args in (("publish", publish), ("autosave", autosave))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return [outcomes.get("publish"), outcomes.get("autosave")]


def test_publishing_while_an_autosave_writes_waits_and_both_are_saved(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():  # a database of this test's own, outside the test database
        outcomes = publish_while_autosaving(tmp_path / "db.sqlite3", sqlite_options(busy_timeout=20))
    assert outcomes == ["saved", "saved"]


def test_with_the_old_options_the_same_moment_failed_with_database_is_locked(tmp_path, django_db_blocker):
    """The bug as the demo showed it (HTTP 500 "database is locked" while publishing)."""
    with django_db_blocker.unblock():
        outcomes = publish_while_autosaving(tmp_path / "db.sqlite3", OLD_OPTIONS)
    assert "database is locked" in outcomes


def test_a_new_connection_uses_write_ahead_logging(tmp_path, django_db_blocker):
    connection = wrapper(tmp_path / "db.sqlite3", sqlite_options(busy_timeout=20))
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()
    connection.close()
    assert mode == ("wal",)


def test_the_settings_apply_them_to_sqlite_only():
    sqlite = read_setting("DATABASES", {"DATABASE_URL": "sqlite:////tmp/majlis.sqlite3"})
    postgres = read_setting("DATABASES", {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/majlis"})

    assert "'transaction_mode': 'IMMEDIATE'" in sqlite.stdout and "journal_mode=WAL" in sqlite.stdout
    assert "postgresql" in postgres.stdout and "transaction_mode" not in postgres.stdout
