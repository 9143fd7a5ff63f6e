from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Locale

from cms.selectors import search_pages, specific_results
from core.site_url import absolute_url

RESULTS_PER_PAGE = 10


def search(request):
    """Search of the public site (news, pages, events) in the visitor's language. A GET form: cacheable."""
    query = (request.GET.get("q") or "").strip()[:200]
    context = {"search_query": query, "results": [], "page_obj": None}
    if query:
        paginator = Paginator(search_pages(query=query, locale=Locale.get_active()), RESULTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            results=specific_results(page_obj.object_list),
            page_obj=page_obj,
            page_range=paginator.get_elided_page_range(page_obj.number),
        )
    return TemplateResponse(request, "search/search.html", context)


def robots_txt(request):
    sitemap_url = absolute_url(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /accounts/",
        "",
        f"Sitemap: {sitemap_url}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
