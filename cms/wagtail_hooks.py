from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html
from wagtail import hooks
from wagtail.models import PageViewRestriction
from wagtail.snippets.models import register_snippet

from cms import page_context, translation_report, translation_views, translation_workflow
from cms.models import NewsPage
from cms.viewsets import NewsCategoryViewSet
from core.page_context import PAGE_CONTEXT_HOOK
from core.roles import works_in_back_office

register_snippet(NewsCategoryViewSet)
hooks.register(PAGE_CONTEXT_HOOK, page_context.add_page_context)

_ACCOUNT_RESTRICTIONS = {PageViewRestriction.LOGIN, PageViewRestriction.GROUPS}


# Runs before Wagtail's own check (order 0), which would redirect to the login page: a members-only article keeps
# a public teaser, so that search engines and visitors learn what members get.
@hooks.register("on_serve_page", order=-1)
def serve_members_only_news_teaser(callback):
    def inner(page, request, serve_args, serve_kwargs):
        if not isinstance(page, NewsPage):
            return callback(page, request, serve_args, serve_kwargs)

        restrictions = list(page.get_view_restrictions())
        page._served_restrictions = restrictions
        page.members_only = any(r.restriction_type in _ACCOUNT_RESTRICTIONS for r in restrictions)
        refused = [r for r in restrictions if not r.accept_request(request)]
        if not refused or any(r.restriction_type not in _ACCOUNT_RESTRICTIONS for r in refused):
            return callback(page, request, serve_args, serve_kwargs)
        if works_in_back_office(request.user):
            # The secretariat and editors read every article, members or not.
            response = page.serve(request, *serve_args, **serve_kwargs)
        else:
            response = page.serve_teaser(request, *serve_args, **serve_kwargs)
        add_never_cache_headers(response)
        return response

    return inner


@hooks.register("before_move_page")
def refuse_moves_the_user_may_not_make(request, page, destination):
    """Wagtail shows its move confirmation (with both pages' titles) to anyone who reaches the admin and refuses only
    the move itself: refuse the page too, as the first step of the move does."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("insert_global_admin_css")
def admin_css():
    """The project's additions to the admin's styles (site/static/css/admin.css)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [*translation_views.urls(), *translation_report.urls()]


@hooks.register("register_page_header_buttons")
def translate_header_buttons(page, user, view_name=None, next_url=None):
    """From a French page in the admin to its translation into each language it is not translated into."""
    yield from translation_views.buttons(page, user, priority=85)


@hooks.register("register_page_listing_more_buttons")
def translate_listing_buttons(page, user, next_url=None):
    yield from translation_views.buttons(page, user, priority=65)


@hooks.register("construct_explorer_page_queryset")
def annotate_translations_for_buttons(parent_page, pages, request):
    """The listing's "Translate into …" buttons read whether each page is translated from the listing's query."""
    if not translation_workflow.may_translate(request.user):
        return pages
    return translation_workflow.annotate_translations(pages, translation_workflow.translatable_locales())


@hooks.register("after_convert_alias_page")
def remember_translation_started(request, page):
    """Wagtail's own "Convert alias" button starts a translation too: visitors keep the notice until it is published."""
    translation_workflow.record_translation_started(page=page, user=request.user)


@hooks.register("register_reports_menu_item")
def register_missing_translations_menu_item():
    return translation_report.menu_item()
