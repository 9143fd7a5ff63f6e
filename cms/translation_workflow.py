"""Translating a page from the admin: the "Translate into …" action and what visitors see meanwhile.

The page tree is synced: every French page exists in every other language, as a translation or as an alias (its
French content under the other language's address). Translating a page into a language converts its alias there
into an ordinary page (Wagtail's ConvertAliasPageAction; a missing one is first created as an alias) and opens it
in the editor. Its live content is still the French one until a rewritten version is published, through the
moderation workflow like any page: `PendingTranslation` records the conversion and is deleted on the page's next
publish, so that `untranslated_source` tells the page templates to keep showing the content as French, with the
notice. Conversions made with Wagtail's own "Convert alias" button are recorded the same way
(`record_translation_started`, from the after_convert_alias_page hook).
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page

from cms.layout import LAYOUT_CACHE_SECONDS, bump_layout_version, layout_version
from cms.models import PendingTranslation
from core.errors import DomainError
from core.roles import holds_permission

TRANSLATE_PERMISSION = "simple_translation.submit_translation"

# A language version of a page, as the secretariat's report and the admin's buttons name it.
TRANSLATED = "translated"
FALLBACK = "fallback"  # an alias, or a translation started and not yet published: visitors read the source
MISSING = "missing"


class TranslationRefused(DomainError):
    default_message = _("This page cannot be translated into that language.")


class AlreadyTranslated(TranslationRefused):
    status_code = 409
    default_message = _("This page is already translated into that language: edit its translation instead.")


class TranslationNotAllowed(TranslationRefused):
    status_code = 403
    default_message = _("You may not translate this page: translating it means editing it in that language.")


def _locales() -> tuple[Locale, list[Locale]]:
    """The default language and the others, in a stable order: read once per layout version, since the admin's
    listing asks for every page it shows."""
    key = f"cms:translation-locales:{layout_version()}"
    found = cache.get(key)
    if found is None:
        default = Locale.get_default()
        found = (default, list(Locale.objects.exclude(pk=default.pk).order_by("pk")))
        cache.set(key, found, LAYOUT_CACHE_SECONDS)
    return found


def default_locale() -> Locale:
    return _locales()[0]


def translatable_locales() -> list[Locale]:
    """Every language but the default one (pages are translated from it), in a stable order."""
    return list(_locales()[1])


def may_translate(user) -> bool:
    """The user's role lets them translate pages (Editor, Secretariat); each page still asks for edit rights."""
    return holds_permission(user, TRANSLATE_PERMISSION)


def _pending_sources() -> dict[int, Locale]:
    """The pages whose translation is in progress, with the language of their content: a handful, kept under the
    layout version (bumped when one starts and when the page is published)."""
    key = f"cms:pending-translations:{layout_version()}"
    found = cache.get(key)
    if found is None:
        found = {
            pending.page_id: pending.source_locale
            for pending in PendingTranslation.objects.select_related("source_locale")
        }
        cache.set(key, found, LAYOUT_CACHE_SECONDS)
    return found


def untranslated_source(page: Page) -> Locale | None:
    """The language the live content of `page` is still written in, when it was converted from an alias to be
    translated and not published since; None otherwise (an alias's source is read from the alias itself)."""
    return _pending_sources().get(page.pk)


@dataclass(frozen=True)
class LanguageVersion:
    locale: Locale
    page: Page | None
    state: str  # TRANSLATED, FALLBACK or MISSING


def language_state(version: Page | None, pending: set[int]) -> str:
    if version is None:
        return MISSING
    if version.alias_of_id or version.pk in pending:
        return FALLBACK
    return TRANSLATED


def language_versions(page: Page) -> list[LanguageVersion]:
    """The page in every other language, translated or not (two queries)."""
    versions = {
        version.locale_id: version
        for version in Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    }
    pending = set(_pending_sources())
    return [
        LanguageVersion(locale, versions.get(locale.pk), language_state(versions.get(locale.pk), pending))
        for locale in translatable_locales()
        if locale.pk != page.locale_id
    ]


def annotate_translations(pages, locales: list[Locale]):
    """`pages` with `_translated_<code>` set for each locale: a published translation exists (not an alias),
    for the admin's listing to show its buttons without a query per page."""
    annotations = {
        f"_translated_{locale.language_code.replace('-', '_')}": Exists(
            Page.objects.filter(translation_key=OuterRef("translation_key"), locale_id=locale.pk, alias_of__isnull=True)
        )
        for locale in locales
    }
    return pages.annotate(**annotations)


def untranslated_locales(page: Page, user) -> list[Locale]:
    """The languages the admin offers to translate `page` into: those where it is an alias or missing, for a
    default-language page and a user whose role translates. Reads the listing's annotations when present."""
    if page.is_root() or page.locale_id != default_locale().pk or not may_translate(user):
        return []
    locales = translatable_locales()
    attributes = [f"_translated_{locale.language_code.replace('-', '_')}" for locale in locales]
    if all(hasattr(page, attribute) for attribute in attributes):
        return [locale for locale, attribute in zip(locales, attributes, strict=True) if not getattr(page, attribute)]
    translated = set(
        Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True).values_list(
            "locale_id", flat=True
        )
    )
    return [locale for locale in locales if locale.pk not in translated]


def page_translate(*, page: Page, locale: Locale, user) -> Page:
    """Start translating `page` (a page of the default language) into `locale`: its alias there becomes an
    ordinary page (created first, with its missing parents as aliases, if it has none), still showing the source
    content until a translated version is published. Returns that page, for the editor to open.

    Only a user whose role translates and who may edit the page in that language may do it.
    """
    if not may_translate(user):
        raise TranslationNotAllowed
    default = default_locale()
    if page.is_root() or page.locale_id != default.pk:
        raise TranslationRefused(_("Pages are translated from their French version."))
    if locale.pk == default.pk:
        raise TranslationRefused
    with transaction.atomic():
        version = Page.objects.select_for_update().filter(translation_key=page.translation_key, locale=locale).first()
        if version is None:
            version = page.copy_for_translation(locale, copy_parents=True, alias=True)
        version = version.specific
        if not version.alias_of_id:
            raise AlreadyTranslated
        if not version.permissions_for_user(user).can_edit():
            raise TranslationNotAllowed
        ConvertAliasPageAction(version, user=user).execute(skip_permission_checks=True)
        record_translation_started(page=version, user=user)
    return version


def record_translation_started(*, page: Page, user) -> PendingTranslation | None:
    """Remember that `page`, just converted from an alias, still shows its default-language source's content.
    Nothing is recorded for a page of the default language (an alias within the same tree)."""
    default = default_locale()
    if page.locale_id == default.pk:
        return None
    if not Page.objects.filter(translation_key=page.translation_key, locale=default).exists():
        return None
    pending, _created = PendingTranslation.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "source_locale": default,
            "converted_at": timezone.now(),
            "converted_by": user if getattr(user, "is_authenticated", False) else None,
        },
    )
    transaction.on_commit(bump_layout_version)
    return pending


def translation_published(sender, instance, **kwargs) -> None:
    """page_published receiver: a translation started from an alias is the page's own content from now on."""
    deleted, _rows = PendingTranslation.objects.filter(page_id=instance.pk).delete()
    if deleted:
        transaction.on_commit(bump_layout_version)
