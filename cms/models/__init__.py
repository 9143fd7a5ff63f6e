from .news import NewsCategory, NewsIndexPage, NewsPage, NewsPageTag
from .pages import HomePage, StandardPage
from .site_settings import AssociationSettings, NavigationSettings
from .translations import PendingTranslation

__all__ = [
    "AssociationSettings",
    "HomePage",
    "NavigationSettings",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PendingTranslation",
    "StandardPage",
]
