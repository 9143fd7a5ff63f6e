"""The page tree in every language: French pages reach the English and Arabic sites as aliases until translated.

Every live page of the default locale has a version in each other locale: a real translation, or a live alias
(what `WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE` creates for pages added in the admin). An alias is served under
its language prefix with the interface in that language while its content stays the source's: `content_locale`
says which language a page's content is written in, and `page_language_context` gives the templates what they
need to mark it (`lang`/`dir` on the content, the "not yet available in English" notice).
"""

from django.db import transaction
from django.db.models import Subquery
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from cms.translation_workflow import untranslated_source

# (visitor's language, content's language) → the notice, phrased whole in each language: language names change
# form with the sentence ("en anglais", "la version française"), which a template with placeholders cannot do.
FALLBACK_NOTICES = {
    ("en", "fr"): _("This page is not yet available in English: here is the French version."),
    ("ar", "fr"): _("This page is not yet available in Arabic: here is the French version."),
    ("fr", "en"): _("This page is not yet available in French: here is the English version."),
    ("ar", "en"): _("This page is not yet available in Arabic: here is the English version."),
    ("fr", "ar"): _("This page is not yet available in French: here is the Arabic version."),
    ("en", "ar"): _("This page is not yet available in English: here is the Arabic version."),
}


@transaction.atomic
def sync_page_trees() -> int:
    """Give every live page of the default locale a version in every other locale, as a live alias where it has
    neither a translation nor an alias yet; returns how many aliases were created.

    Idempotent. Pages are visited in tree order, so that a parent's alias exists before its children's; a parent
    that is not live itself gets an alias (not live either) when a live child needs one.
    """
    default = Locale.get_default()
    others = list(Locale.objects.exclude(pk=default.pk))
    if not others:
        return 0
    present = set(Page.objects.filter(locale__in=others).values_list("translation_key", "locale_id"))
    created = 0
    sources = Page.objects.live().filter(locale=default, depth__gt=1).order_by("path")
    for page in sources.specific().iterator(chunk_size=200):
        for locale in others:
            if (page.translation_key, locale.pk) in present:
                continue
            page.copy_for_translation(locale, copy_parents=True, alias=True)
            present.add((page.translation_key, locale.pk))
            created += 1
    return created


def content_locale(page: Page) -> Locale:
    """The locale the page's content is written in: its source's for an alias, the French it still holds for a
    page converted from an alias to be translated and not published since, else the page's own."""
    if page.alias_of_id:
        source = Page.objects.filter(pk=page.alias_of_id).values("locale_id")
        return Locale.objects.get(pk=Subquery(source))
    return untranslated_source(page) or page.locale


def mark_untranslated(pages):
    """Set `content_language` on the pages of a listing whose translation is started but not yet published
    (their live content is still their source's); the others keep what `core.i18n.with_content_language`
    annotated. No query: the pending translations are cached."""
    for page in pages:
        source = untranslated_source(page)
        if source is not None:
            page.content_language = source.language_code
    return pages


def active_content_language() -> str:
    """The content language of the visitor's interface language ("fr", "en", "ar")."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return Locale.get_default().language_code


def fallback_notice(*, visitor_language: str, content_language: str) -> str:
    """The sentence telling a visitor that the page is shown in another language than theirs (every pair of the
    site's languages has one)."""
    return str(FALLBACK_NOTICES.get((visitor_language, content_language), ""))


def language_direction(language_code: str) -> str:
    """ "rtl" or "ltr", the direction text of that language runs in."""
    try:
        return "rtl" if translation.get_language_info(language_code)["bidi"] else "ltr"
    except KeyError:
        return "ltr"


def _page_language(page: Page) -> dict:
    code = content_locale(page).language_code
    visitor = active_content_language()
    fallback = code != visitor
    return {
        "code": code,
        "direction": language_direction(code),
        "is_fallback": fallback,
        "notice": fallback_notice(visitor_language=visitor, content_language=code) if fallback else "",
    }


def page_language_context(page: Page) -> dict:
    """What a page's template reads about the language of its content, read lazily (only when a cached fragment
    is missing): `content_language` ("fr"), `content_direction` ("ltr"/"rtl"), `is_fallback` (the content is not
    in the visitor's language) and `fallback_notice` (the sentence saying so)."""
    language = SimpleLazyObject(lambda: _page_language(page))
    return {
        "content_language": SimpleLazyObject(lambda: language["code"]),
        "content_direction": SimpleLazyObject(lambda: language["direction"]),
        "is_fallback": SimpleLazyObject(lambda: language["is_fallback"]),
        "fallback_notice": SimpleLazyObject(lambda: language["notice"]),
    }
