"""Hostile input for the fuzz tests: what a careless user, a broken client or an attacker may type or send."""

from contextlib import contextmanager
from urllib.parse import quote, quote_from_bytes

from django.core.cache import cache
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

NASTY = [
    "",
    " ",
    "\x00",
    "Atlas\x00Composants",
    "'; DROP TABLE members_user; --",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ request.user.password }}",
    "{% debug %}",
    "%s%s%s%n",
    "../../../../etc/passwd",
    "\u202eالشركة المغربية\u202c",
    "شركة الأطلس للصناعات",
    "𝕬𝖙𝖑𝖆𝖘 🤖🇲🇦",
    "\ufeff\u200b\u200d",
    "line\r\nX-Injected: yes",
    "x" * 5000,
    "9" * 40,
    "-1",
    "0",
    "-99999999999999999999",
    "2147483648",
    "9223372036854775808",
    "1e309",
    "NaN",
    "-inf",
    "²",
    "٣",
    "0000-01",
    "0001-01",
    "9999-12",
    "10000-01",
    "2026-13",
    "2026-00",
    "٢٠٢٦-٠١",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "true",
    "null",
    "[]",
    "{}",
]

hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=200),
    st.integers().map(str),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=300, max_size=2000),
)

# A value as a query string or form carries it: one value, or the same key repeated.
hostile_value = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))

# Raw bytes in the query string, percent-encoded: not always valid UTF-8.
raw_query_value = st.binary(max_size=60).map(lambda data: quote_from_bytes(data, safe=""))

# A path segment (the URL converters refuse "/").
path_segment = hostile_text.filter(lambda text: text not in ("", ".", "..")).map(lambda text: quote(text, safe=""))


def fuzz(max_examples: int) -> settings:
    """Hypothesis settings for these tests: few examples (each one is a request), no deadline, one set of rows
    made by the test's fixtures for all its examples."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


OK_FILTER = {200, 301, 302, 400, 404}


@contextmanager
def isolated():
    """One example: its writes are rolled back and the cache (rate limits) emptied, so that examples do not
    see each other's rows, and a database error does not poison the test's transaction for the next example."""
    cache.clear()
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)
        cache.clear()
