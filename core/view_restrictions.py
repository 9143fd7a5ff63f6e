"""View restrictions that hold in every language.

Majlis keeps one page tree per language. Wagtail reads a page's restrictions from the page and its ancestors,
replacing an alias by its source; but a translation (or an alias converted into one) is a page of its own, and an
alias's source is checked without the source's ancestors. A members-only section restricted in French was
therefore readable in English once its English version was a real page, and a restriction set on the English
version only held in English.

Here a restriction set on any language version of a page (the pages sharing its `translation_key`) or of one of
its ancestors holds for every language version, aliases included: `view_restrictions_of` for a page being served
(one query), `restricted_page_paths` for listings, search and `.public()` (one query). Every page model of cms and
events inherits `RestrictedInEveryLanguage`; a test walks the page models to keep it so.

It lives in core because events may not import cms; cms.restrictions keeps the paths in the layout cache.
"""

from django.db.models import Q, QuerySet
from wagtail.models import Page, PageQuerySet, PageViewRestriction


def _chain_paths(page: Page) -> list[str]:
    """Tree paths of the page and its ancestors, read from its own path (no query)."""
    return [page.path[: page.steplen * depth] for depth in range(1, page.depth + 1)]


def view_restrictions_of(page: Page) -> QuerySet[PageViewRestriction]:
    """The restrictions that apply to `page`: those on any language version of it or of one of its ancestors.

    An alias within the same language (not a translation: another translation key) also carries its source's.
    One query (the chain is read in subqueries).
    """
    chain = Page.objects.filter(path__in=_chain_paths(page))
    sources = Page.objects.filter(pk__in=chain.filter(alias_of__isnull=False).values("alias_of_id"))
    return PageViewRestriction.objects.filter(
        Q(page__translation_key__in=chain.values("translation_key"))
        | Q(page__translation_key__in=sources.values("translation_key"))
    )


def restricted_page_paths() -> list[str]:
    """Tree paths of every page below which a restriction holds, in every language: each version of a restricted
    page and each alias of one (one query). A page is restricted when its path starts with one of them."""
    keys = PageViewRestriction.objects.values("page__translation_key")
    return sorted(
        set(
            Page.objects.filter(Q(translation_key__in=keys) | Q(alias_of__translation_key__in=keys)).values_list(
                "path", flat=True
            )
        )
    )


def paths_q(paths: list[str]) -> Q:
    """Pages at or below any of `paths`; matches nothing when there is none."""
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


class RestrictedInEveryLanguage:
    """For page models: Wagtail's check (serving, the password form, the admin's privacy setting) reads the
    restrictions of every language version."""

    def get_view_restrictions(self):
        return view_restrictions_of(self)


class RestrictedInEveryLanguageQuerySet(PageQuerySet):
    """`.public()` and `.private()` leave out (or keep) every language version of a restricted section."""

    def private_q(self):
        return paths_q(restricted_page_paths())
