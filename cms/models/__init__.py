from .news import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from .pages import HomePage, StandardPage
from .site_settings import AssociationSettings, NavigationSettings

__all__ = [
    "AssociationSettings",
    "HomePage",
    "NavigationSettings",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "StandardPage",
]
