"""RSS and Atom feeds of the news, in the visitor's language. Members-only articles give their teaser only."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Site

from cms.models import AssociationSettings
from cms.selectors import feed_news


def news_entry_id(article) -> str:
    """The article's entry id in the feeds: a tag URI (RFC 4151) on the public host, minted the day the article was
    first published, naming its translation group and language, so that it never changes once readers have it."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    first_published = article.first_published_at
    day = timezone.localdate(first_published) if first_published else article.date
    return f"tag:{host},{day.isoformat()}:news/{article.translation_key}/{article.locale.language_code}"


class NewsRssFeed(Feed):
    description = _("The latest news of the association.")

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.site = Site.find_for_request(request)
        return None

    def title(self):
        name = AssociationSettings.for_request(self.request).name if self.site else "Majlis"
        return _("%(name)s: news") % {"name": name}

    def link(self):
        return self.site.root_page.localized.get_url(self.request) if self.site else "/"

    def items(self):
        return feed_news(locale=Locale.get_active())

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.date, dt.time(8, 0)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [item.category.name] if item.category else []

    def item_guid(self, item):
        return news_entry_id(item)

    item_guid_is_permalink = False


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
