from django.urls import path

from cms import feeds, views

app_name = "cms"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("feeds/news/rss/", feeds.NewsRssFeed(), name="news_rss"),
    path("feeds/news/atom/", feeds.NewsAtomFeed(), name="news_atom"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
