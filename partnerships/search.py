"""Full-text search of the board: PostgreSQL's text search on a stored vector (GIN index), words in any order
elsewhere (SQLite in development and tests)."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet

MAX_WORDS = 8
# The text search configuration of each language a post can be written in (Arabic has no stemmer here).
CONFIGS = {"fr": "french", "en": "english", "ar": "simple"}


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _vector(language: str):
    config = CONFIGS.get(language[:2], "simple")
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("description", weight="B", config=config)
        + SearchVector("partner_profile", "countries", weight="C", config=config)
    )


def refresh_search_vectors(queryset: QuerySet) -> None:
    """Recompute the stored vector of these posts (one UPDATE per language); nothing to do off PostgreSQL."""
    if not uses_postgres():
        return
    for language in CONFIGS:
        queryset.filter(language=language).update(search_vector=_vector(language))
    queryset.exclude(language__in=list(CONFIGS)).update(search_vector=_vector("simple"))


def _query(text: str):
    # Matches the words as typed (simple) or by their French or English stem.
    query = SearchQuery(text, config="simple", search_type="websearch")
    for config in ("french", "english"):
        query |= SearchQuery(text, config=config, search_type="websearch")
    return query


def search_posts(queryset: QuerySet, text: str, *, rank: bool = False) -> QuerySet:
    """Posts matching the words typed; with rank=True (PostgreSQL only) annotated with `rank` for ordering."""
    text = " ".join(text.split()[:MAX_WORDS])
    if not text:
        return queryset
    if uses_postgres():
        query = _query(text)
        queryset = queryset.filter(search_vector=query)
        if rank:
            queryset = queryset.annotate(rank=SearchRank(F("search_vector"), query))
        return queryset
    for word in text.split():
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(partner_profile__icontains=word)
            | Q(countries__icontains=word)
        )
    return queryset
