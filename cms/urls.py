from django.urls import path
from django.views.decorators.cache import cache_page
from wagtail.contrib.sitemaps.views import sitemap

from cms import feeds, views

app_name = "cms"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("feeds/news/rss/", feeds.NewsRssFeed(), name="news_rss"),
    path("feeds/news/atom/", feeds.NewsAtomFeed(), name="news_atom"),
    path("sitemap.xml", cache_page(60 * 60)(sitemap), name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
