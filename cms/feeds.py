"""RSS and Atom feeds of the news, in the visitor's language. Members-only articles give their teaser only."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Site

from cms.models import AssociationSettings
from cms.selectors import feed_news


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
        return f"news-{item.translation_key}-{item.locale.language_code}"

    item_guid_is_permalink = False


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
