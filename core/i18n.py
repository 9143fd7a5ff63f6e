"""Fields kept once per language on a model (`name`, `name_ar`, `name_en`…)."""

from django.conf import settings
from django.utils import translation


def localized(obj, field: str, language: str | None = None) -> str:
    """`obj.<field>_<language>` (the active language if none), falling back to the base (French) `obj.<field>`
    when that language has no field or it is empty."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    if language != settings.LANGUAGE_CODE[:2]:
        value = getattr(obj, f"{field}_{language}", "")
        if value:
            return value
    return getattr(obj, field)


def one_page_per_translation(queryset):
    """`queryset` (of pages) with one page per translation group, as a chooser should list it: the default language's
    page, or, for a page written only in other languages, each of those; never an alias (the synced page tree makes
    one per language for every page)."""
    from django.db.models import Q
    from wagtail.coreutils import get_supported_content_language_variant

    # The default locale by its code, without a query: querysets of filters are built when their module loads.
    default = Q(locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    in_default = queryset.model.objects.filter(default, alias_of__isnull=True).values("translation_key")
    return queryset.filter(alias_of__isnull=True).filter(default | ~Q(translation_key__in=in_default))


def with_content_language(queryset):
    """`queryset` (of pages) annotated with `content_language`, the code of the language the page's content is
    written in: its source's for an alias (the synced page tree shows French pages under /en/ and /ar/), else the
    page's own. A subquery of the same SELECT: no query per page."""
    from django.db.models import F, OuterRef, Subquery
    from django.db.models.functions import Coalesce
    from wagtail.models import Page

    source = Page.objects.filter(pk=OuterRef("alias_of_id")).values("locale__language_code")[:1]
    return queryset.annotate(content_language=Coalesce(Subquery(source), F("locale__language_code")))


def language_name(language_code: str) -> str:
    """The language's name in the active language ("français", "anglais"…), for labels."""
    from django.utils.translation import get_language_info, gettext

    try:
        return gettext(get_language_info(language_code)["name"])
    except KeyError:
        return language_code
