"""A form page as a site built on wagtail.contrib.forms has one, for the tests only (the project has none yet).

The model is in no migration and lives only inside `installed()`: registered then with Django and Wagtail (in the
installed `wagtailforms` app, so that Wagtail finds it from its content type) and given a table inside the test's
transaction (SQLite and PostgreSQL roll DDL back with it). Outside, no other test sees it: not the search index
rebuild, not a page's deletion looking for rows to cascade to.
"""

from contextlib import contextmanager

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page
from wagtail.models.pages import PAGE_MODEL_CLASSES

FIELDS = [("name", "Nom"), ("company", "Société"), ("interests", "Centres d'intérêt"), ("message", "Message")]


class VisitorFormPage(FormMixin, Page):
    """A contact form whose fields are fixed (a real one has editable form fields, another table)."""

    is_creatable = False
    parent_page_types = []

    class Meta:
        app_label = "wagtailforms"

    def get_data_fields(self):
        return [("submit_time", _("Submission date")), *FIELDS]


def _register(present: bool) -> None:
    registered = apps.all_models[VisitorFormPage._meta.app_label]
    if present:
        registered[VisitorFormPage._meta.model_name] = VisitorFormPage
        PAGE_MODEL_CLASSES.append(VisitorFormPage)
    else:
        registered.pop(VisitorFormPage._meta.model_name, None)
        if VisitorFormPage in PAGE_MODEL_CLASSES:
            PAGE_MODEL_CLASSES.remove(VisitorFormPage)
    apps.clear_cache()  # Page's related objects (the cascade on deletion) are computed again
    # A content type made in a test's transaction is rolled back with it, but Django would still cache it, and
    # Wagtail caches the form page types once for the process (a test run before this one may have asked).
    ContentType.objects.clear_cache()
    get_form_types.cache_clear()


_register(False)


@contextmanager
def installed():
    """The model registered and its table created (call inside a test's transaction)."""
    _register(True)
    try:
        editor = connection.schema_editor()  # not entered: SQLite's editor refuses to run inside a transaction
        editor.deferred_sql = []
        editor.create_model(VisitorFormPage)
        for statement in editor.deferred_sql:
            editor.execute(statement)
        yield VisitorFormPage
    finally:
        _register(False)
