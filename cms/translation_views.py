"""The admin's "Translate into …" action (cms.translation_workflow): a confirmation page, the conversion on POST,
then the translated page's editor. A GET never changes anything."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin import widgets as wagtailadmin_widgets
from wagtail.models import Locale, Page

from cms import translation_workflow
from core.i18n import language_in_sentence
from core.views import domain_error_message

URL_NAME = "cms_translate_page"


def translate_url(page: Page, locale: Locale) -> str:
    return reverse(URL_NAME, args=[page.pk, locale.language_code])


def translate_page(request, page_id: int, language_code: str):
    if not translation_workflow.may_translate(request.user):
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id).specific
    locale = get_object_or_404(Locale, language_code=language_code)
    status = 200
    if request.method == "POST":
        try:
            translated = translation_workflow.page_translate(page=page, locale=locale, user=request.user)
        except translation_workflow.TranslationNotAllowed:
            raise PermissionDenied from None
        except translation_workflow.TranslationRefused as error:
            status = domain_error_message(request, error)
        else:
            messages.success(
                request,
                _("Translate “%(title)s” into %(language)s, then submit it for moderation.")
                % {
                    "title": translated.get_admin_display_title(),
                    "language": language_in_sentence(locale.language_code),
                },
            )
            return redirect("wagtailadmin_pages:edit", translated.pk)
    version = None
    if not page.is_root() and page.locale_id == translation_workflow.default_locale().pk:
        version = next((v for v in translation_workflow.language_versions(page) if v.locale.pk == locale.pk), None)
    if version is None:
        status = 400
    context = {
        "page_title": _("Translate into %(language)s") % {"language": language_in_sentence(locale.language_code)},
        "header_icon": "globe",
        "page": page,
        "locale": locale,
        "language": language_in_sentence(locale.language_code),
        "version": version,
        "may_start": version is not None and version.state != translation_workflow.TRANSLATED,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[version.page.pk]) if version and version.page else "",
    }
    return TemplateResponse(request, "cms/admin/translate_page.html", context, status=status)


def urls():
    return [path("translate/<int:page_id>/<str:language_code>/", translate_page, name=URL_NAME)]


def buttons(page: Page, user, priority: int):
    """One "Translate into …" button per language the page is not translated into (none for other users)."""
    for locale in translation_workflow.untranslated_locales(page, user):
        yield wagtailadmin_widgets.Button(
            _("Translate into %(language)s") % {"language": language_in_sentence(locale.language_code)},
            translate_url(page, locale),
            icon_name="globe",
            priority=priority,
        )
