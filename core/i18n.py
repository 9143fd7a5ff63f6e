"""Fields kept once per language on a model (`name`, `name_ar`, `name_en`…), language names, and the French
elision of "de" before a name (`of_name`)."""

import re

from django.conf import settings
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import get_language_info, gettext, pgettext


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
    from wagtail.coreutils import get_supported_content_language_variant

    # The default locale by its code, without a query: querysets of filters are built when their module loads.
    default = Q(locale__language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    in_default = queryset.model.objects.filter(default, alias_of__isnull=True).values("translation_key")
    return queryset.filter(alias_of__isnull=True).filter(default | ~Q(translation_key__in=in_default))


def with_content_language(queryset):
    """`queryset` (of pages) annotated with `content_language`, the code of the language the page's content is
    written in: its source's for an alias (the synced page tree shows French pages under /en/ and /ar/), else the
    page's own. A subquery of the same SELECT: no query per page."""
    from wagtail.models import Page  # core.i18n is read by models while Wagtail's load

    source = Page.objects.filter(pk=OuterRef("alias_of_id")).values("locale__language_code")[:1]
    return queryset.annotate(content_language=Coalesce(Subquery(source), F("locale__language_code")))


def language_in_sentence(language_code: str) -> str:
    """The language's name as it reads inside a sentence of the active language ("traduire en anglais",
    "باللغة الإنجليزية"): Django's names are capitalised labels ("Anglais"); other codes get those."""
    names = {
        "fr": pgettext("language name inside a sentence", "French"),
        "en": pgettext("language name inside a sentence", "English"),
        "ar": pgettext("language name inside a sentence", "Arabic"),
    }
    return names.get(language_code) or language_name(language_code)


def language_name(language_code: str) -> str:
    """The language's name in the active language ("français", "anglais"…), for labels."""
    try:
        return gettext(get_language_info(language_code)["name"])
    except KeyError:
        return language_code


# Words whose h is mute in French ("l'hôtel", "d'Hélène"); any other h is aspirated, as in the Arabic names the
# members carry ("de Hicham", "de Houda") and in "de Hautes-Alpes".
_MUTE_H = (
    "habit",
    "hébergement",
    "hélène",
    "herbe",
    "héritage",
    "heure",
    "heureu",
    "histoire",
    "hiver",
    "homme",
    "honneur",
    "hôpita",
    "horaire",
    "hôtel",
    "hugo",
    "huile",
    "huma",
    "hygiène",
)
_VOWELS = "aeiouàâäéèêëîïôöùûüœæ"
_LEADING_MARKUP = re.compile(r"^(?:<[^>]*>|[«“\"'(\s])+")


def elides(word: str) -> bool:
    """Whether French elides "de" or "le" before `word`: a vowel ("d'Amina", "d'Atlas", "d'Yves"), a mute h
    ("d'Hélène"), but not a y sounded as a consonant ("de Youssef", "de Yasmine"), an aspirated h ("de Hicham"),
    a digit or a symbol."""
    # Markup around a name (`<bdi>Amina</bdi>`) and opening quotes do not count.
    word = _LEADING_MARKUP.sub("", word or "").casefold()
    if not word:
        return False
    first = word[0]
    if first == "y":
        return len(word) > 1 and word[1] not in _VOWELS
    if first == "h":
        return word.startswith(_MUTE_H)
    return first in _VOWELS


def of_prefix(name, language: str | None = None) -> str:
    """What goes before `name` where a sentence says "of" it: "d'" or "de " in French, nothing elsewhere."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    if language != "fr" or not name:
        return ""
    return "d'" if elides(str(name)) else "de "


def of_name(name, language: str | None = None) -> str:
    """`name` as it follows "of" in the active language: in French with its preposition, elided before a vowel or a
    mute h ("d'Amina", "d'Atlas Digital", "de Salma"); in every other language the name alone, as the sentence
    carries its own preposition (English "of") or needs none (Arabic). For msgids such as "Role of %(of_name)s",
    translated in French "Rôle %(of_name)s"."""
    name = "" if name is None else str(name)
    return f"{of_prefix(name, language)}{name}"
