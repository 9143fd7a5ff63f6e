"""Posting generated data to a form and checking what it left in the database."""

from contextlib import contextmanager

from django.utils.html import escape
from hypothesis import strategies as st

from tests.fuzz.strategies import hostile_value, isolated


def form_data(valid: dict, *, extra: dict | None = None) -> st.SearchStrategy[dict]:
    """Each field of `valid` either keeps its valid value, gets a hostile one, or is left out of the post."""
    optional = {name: st.one_of(st.just(value), hostile_value) for name, value in valid.items()}
    return st.fixed_dictionaries({}, optional={**optional, **(extra or {})})


def counts(models) -> dict:
    return {model.__name__: model.objects.count() for model in models}


@contextmanager
def posted(client, path, data, *, models, **kwargs):
    """POST `data` inside a savepoint; gives the response and how many rows of each model it added. Check what
    was saved inside the `with` block: the rows are rolled back when it ends. A server error is raised by the
    test client (its traceback fails the example)."""
    with isolated():
        before = counts(models)
        response = client.post(path, data, **kwargs)
        after = counts(models)
        assert response.status_code < 500, response.status_code
        yield response, {name: after[name] - before[name] for name in before}


def resolve(data: dict, names: dict) -> dict:
    """Put the ids known only once the fixtures ran in place of their placeholders (keys and values)."""
    return {
        names.get(key, key): names.get(value, value) if isinstance(value, str) else value for key, value in data.items()
    }


def assert_all_or_nothing(added: dict, response, *, together: tuple[str, ...]):
    """The models in `together` gained one row each (a complete save, answered with a redirect) or none at all."""
    values = {added[name] for name in together}
    assert len(values) == 1 and values <= {0, 1}, added
    if values == {1}:
        assert response.status_code == 302, (response.status_code, added)


def last(value):
    return value[-1] if isinstance(value, list) else value


def assert_typed_values_kept(response, data: dict, fields: tuple[str, ...]):
    """A form shown again keeps what the person typed in its text fields (as the last of repeated keys)."""
    if response.status_code not in (200, 400) or "form" not in (response.context or {}):
        return
    html = response.content.decode()
    for name in fields:
        value = last(data.get(name))
        if isinstance(value, str) and value.strip() and "\r" not in value:
            assert escape(value) in html, (name, value[:80])
