"""The secretariat's report of missing translations: every live French page with, for each other language, whether
it is translated, shown in French (an alias, or a translation started and not yet published) or missing, each
untranslated one linking to the "Translate into …" action. In the admin's Reports menu for the roles that
translate (cms.translation_workflow); filterable by language and page type; exportable like every listing
(core.exports). One query for the whole page of the report: the states are subqueries of it."""

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Exists, OuterRef, Value, When
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, get_page_models

from cms import translation_workflow
from cms.models import PendingTranslation
from cms.translation_views import translate_url
from core.exports import SpreadsheetExportMixin

URL_NAME = "cms_missing_translations"

STATE_LABELS = {
    translation_workflow.TRANSLATED: _("Translated"),
    translation_workflow.FALLBACK: _("Shown in French"),
    translation_workflow.MISSING: _("Missing"),
}


def _state_field(locale: Locale) -> str:
    return f"state_{locale.language_code.replace('-', '_')}"


def pages_with_translation_states(locales: list[Locale]):
    """Live pages of the default language, each with `state_<code>` for every other language."""
    pending = PendingTranslation.objects.filter(page_id=OuterRef("pk"))
    annotations = {}
    for locale in locales:
        versions = Page.objects.filter(translation_key=OuterRef("translation_key"), locale_id=locale.pk)
        translated = versions.filter(alias_of__isnull=True).exclude(Exists(pending))
        annotations[_state_field(locale)] = Case(
            When(Exists(translated), then=Value(translation_workflow.TRANSLATED)),
            When(Exists(versions), then=Value(translation_workflow.FALLBACK)),
            default=Value(translation_workflow.MISSING),
        )
    return (
        Page.objects.live()
        .filter(locale=Locale.get_default(), depth__gt=1)
        .annotate(**annotations)
        .select_related("content_type")
        .order_by("path")
    )


def _page_type_choices():
    types = ContentType.objects.get_for_models(*get_page_models())
    return sorted(
        ((content_type.pk, model._meta.verbose_name) for model, content_type in types.items() if model is not Page),
        key=lambda choice: str(choice[1]),
    )


def _language_choices():
    return [(locale.language_code, locale.get_display_name()) for locale in translation_workflow.translatable_locales()]


class MissingTranslationsFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Not translated into"), choices=_language_choices, method="filter_language"
    )
    content_type = django_filters.ChoiceFilter(label=_("Page type"), choices=_page_type_choices)

    class Meta:
        model = Page
        fields = []

    def filter_language(self, queryset, name, value):
        locale = Locale.objects.filter(language_code=value).first()
        if locale is None:
            return queryset
        return queryset.exclude(**{_state_field(locale): translation_workflow.TRANSLATED})


class TranslationStateColumn(Column):
    """A language's state, with a link to translate the page when it is not translated."""

    cell_template_name = "cms/admin/translation_state_cell.html"

    def __init__(self, locale: Locale, **kwargs):
        self.locale = locale
        super().__init__(_state_field(locale), label=locale.get_display_name(), **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        state = context["raw_value"]
        context["state"] = state
        context["label"] = STATE_LABELS[state]
        if state != translation_workflow.TRANSLATED:
            context["translate_url"] = translate_url(instance, self.locale)
        return context


def _page_type(page) -> str:
    model = page.content_type.model_class()
    return str(model._meta.verbose_name) if model else ""


class MissingTranslationsReport(SpreadsheetExportMixin, ReportView):
    page_title = _("Missing translations")
    header_icon = "globe"
    index_url_name = URL_NAME
    index_results_url_name = f"{URL_NAME}_results"
    model = Page
    filterset_class = MissingTranslationsFilterSet
    paginate_by = 100
    export_filename = "missing-translations"

    @cached_property
    def locales(self) -> list[Locale]:
        return translation_workflow.translatable_locales()

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "title", label=_("Page"), get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk])
            ),
            Column("page_type", label=_("Page type"), accessor=_page_type),
            *(TranslationStateColumn(locale) for locale in self.locales),
        ]

    @cached_property
    def list_export(self):
        return ["title", "page_type", "url", *(_state_field(locale) for locale in self.locales)]

    @cached_property
    def export_headings(self):
        return {
            "title": _("Page"),
            "page_type": _("Page type"),
            "url": _("Address"),
            **{_state_field(locale): locale.get_display_name() for locale in self.locales},
        }

    def dispatch(self, request, *args, **kwargs):
        if not translation_workflow.may_translate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return pages_with_translation_states(self.locales)

    def to_row_dict(self, item):
        row = {"title": item.title, "page_type": _page_type(item), "url": item.get_url(request=self.request)}
        for locale in self.locales:
            row[_state_field(locale)] = str(STATE_LABELS[getattr(item, _state_field(locale))])
        return row


def urls():
    return [
        path("reports/missing-translations/", MissingTranslationsReport.as_view(), name=URL_NAME),
        path(
            "reports/missing-translations/results/",
            MissingTranslationsReport.as_view(results_only=True),
            name=f"{URL_NAME}_results",
        ),
    ]


class MissingTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return translation_workflow.may_translate(request.user)


def menu_item():
    return MissingTranslationsMenuItem(_("Missing translations"), reverse(URL_NAME), icon_name="globe", order=920)
