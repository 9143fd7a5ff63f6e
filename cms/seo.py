"""What search engines and link previews read of a page: its canonical address and its language versions
(hreflang), the meta description, Open Graph and Twitter card tags, and schema.org data (JSON-LD).

Every address is absolute on the public host (`settings.SITE_URL`), never the host a request came in on. What a
page's head says is computed once per page, language and layout version (the version changes with every page,
restriction or settings change) and cached; only an event's offers are read on every request, from the
registration panel the event page has already read, since seats sell out between two publications.
"""

import copy
import datetime as dt
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

from cms.layout import LAYOUT_CACHE_SECONDS, layout_version
from cms.models import AssociationSettings, HomePage, NewsPage
from core.money import to_decimal
from core.site_url import absolute_url
from core.time import pinned_zone
from events.models import EventPage
from events.registration_selectors import RegistrationPanel, TicketOffer

SCHEMA = "https://schema.org"
# Link previews want a wide image (Facebook, LinkedIn and X crop to 1.91:1); a logo keeps its shape.
SHARE_RENDITION = "fill-1200x630"
LOGO_RENDITION = "max-600x600"
DESCRIPTION_LENGTH = 160
# Open Graph wants language_TERRITORY, and Facebook reads only the locales of its own list, which has no Moroccan
# variant: French of France, Arabic of its "Arabic" region and American English are the ones it knows.
OG_LOCALES = {"fr": "fr_FR", "en": "en_US", "ar": "ar_AR"}
# Views that are not Wagtail pages but public and the same in every language: they get a canonical address and
# their language versions too (the other views are personal, or say noindex).
PUBLIC_VIEWS = {
    "members:directory",
    "members:organisation_detail",
    "members:apply",
    "members:privacy_notice",
    "partnerships:board",
}

# What json_script escapes: a title holding "</script>" or "<!--" cannot end or comment out the script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass
class HeadTags:
    """The head of one page as the open web reads it."""

    canonical: str = ""
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, absolute address), x-default last
    description: str = ""
    open_graph: list[tuple[str, str]] = field(default_factory=list)  # (property, content), repeats allowed
    twitter: list[tuple[str, str]] = field(default_factory=list)  # (name, content)
    structured_data: list[dict] = field(default_factory=list)  # schema.org objects, each its own script


def json_ld(data) -> str:
    """`data` as JSON for a <script type="application/ld+json"> element, escaped as `json_script` escapes."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)


def page_path(page: Page, request=None) -> str:
    """The page's address relative to the host, or "" when it is not routable."""
    parts = page.get_url_parts(request)
    return parts[2] if parts and parts[2] else ""


def language_versions(page: Page, request=None) -> dict[str, str]:
    """Absolute addresses of the live language versions of `page`, by language code: its translations and the
    aliases of the synced page tree (they share its translation key). One query."""
    versions = (
        Page.objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .only("id", "path", "url_path", "depth", "translation_key", "locale__language_code")
    )
    urls = {}
    for version in versions:
        path = page_path(version, request)
        if path:
            urls[version.locale.language_code] = absolute_url(path)
    return urls


def alternates(urls: dict[str, str]) -> list[tuple[str, str]]:
    """hreflang pairs in the order of settings.LANGUAGES, then x-default: the version in the site's language."""
    pairs = [(code, urls[code]) for code, _name in settings.LANGUAGES if code in urls]
    if settings.LANGUAGE_CODE in urls:
        pairs.append(("x-default", urls[settings.LANGUAGE_CODE]))
    return pairs


def _plain(value, length: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(strip_tags(str(value or "")).split())
    return Truncator(text).chars(length)


def page_description(page: Page) -> str:
    """The page's search description, else its introduction, summary or hero text, as plain text."""
    for name in ("search_description", "intro", "summary", "hero_text"):
        text = _plain(getattr(page, name, ""))
        if text:
            return text
    return ""


def image_rendition(image, spec: str) -> dict | None:
    """The absolute address and size of a rendition of `image`, or None (no image, or its file is missing)."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
    except OSError:
        return None
    return {"url": absolute_url(rendition.url), "width": rendition.width, "height": rendition.height}


def _local_iso(instant: dt.datetime | None, zone_name: str) -> str | None:
    # The pinned zone data (core.time): Morocco's offsets change by decree, the system's files lag behind.
    return instant.astimezone(pinned_zone(zone_name)).replace(microsecond=0).isoformat() if instant else None


def _postal_address(street: str, locality: str, country: str) -> dict | None:
    parts = {
        "streetAddress": ", ".join(line.strip() for line in street.splitlines() if line.strip()),
        "addressLocality": locality,
        "addressCountry": country,
    }
    parts = {key: value for key, value in parts.items() if value}
    return {"@type": "PostalAddress", **parts} if parts else None


def organization_data(association: AssociationSettings | None) -> dict:
    """The association as a schema.org Organization: name, logo, address, contact and social networks."""
    if association is None:
        return {"@type": "Organization", "@id": absolute_url("/#organization"), "name": settings.WAGTAIL_SITE_NAME}
    data = {
        "@type": "Organization",
        "@id": absolute_url("/#organization"),
        "name": association.localized_name,
        "url": absolute_url("/"),
    }
    if association.short_name:
        data["alternateName"] = association.short_name
    if tagline := association.localized_tagline:
        data["description"] = tagline
    if logo := image_rendition(association.logo, LOGO_RENDITION):
        data["logo"] = {"@type": "ImageObject", **logo}
    # The platform serves Moroccan associations: its legal identifiers (ICE, RC, IF) are Moroccan ones.
    if address := _postal_address(association.address, association.city, "MA"):
        data["address"] = address
    if association.email:
        data["email"] = association.email
    if association.phone:
        data["telephone"] = association.phone
    if same_as := [url for _key, _label, url in association.social_links]:
        data["sameAs"] = same_as
    return data


def _organization_reference(association: AssociationSettings | None) -> dict:
    data = organization_data(association)
    return {key: data[key] for key in ("@type", "@id", "name", "url", "logo") if key in data}


def breadcrumb_data(page: Page, canonical: str, request=None) -> dict | None:
    """The page's ancestors from the home page down to it as a BreadcrumbList; None on the home page itself."""
    if page.depth <= 2:
        return None
    items = []
    for ancestor in page.get_ancestors().filter(depth__gt=1).only("id", "title", "path", "url_path", "depth"):
        path = page_path(ancestor, request)
        if path:
            items.append((ancestor.title, absolute_url(path)))
    items.append((page.title, canonical))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def attendance_mode(event: EventPage) -> str:
    """Online, at a venue, or both."""
    at_venue = bool(event.venue_name or event.address or event.city)
    if event.is_online and at_venue:
        return f"{SCHEMA}/MixedEventAttendanceMode"
    if event.is_online:
        return f"{SCHEMA}/OnlineEventAttendanceMode"
    return f"{SCHEMA}/OfflineEventAttendanceMode"


def event_data(event: EventPage, canonical: str, association, image: dict | None) -> dict:
    """An event page as a schema.org Event, without its offers (`event_offers`): they change with every seat."""
    data = {
        "@type": "Event",
        "name": event.title,
        "url": canonical,
        "startDate": _local_iso(event.start, event.time_zone),
        "endDate": _local_iso(event.end, event.time_zone),
        # Majlis has no postponed or cancelled state: an event that will not take place is unpublished.
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": attendance_mode(event),
        "organizer": _organization_reference(association),
    }
    if description := page_description(event):
        data["description"] = description
    locations = []
    if event.venue_name or event.address or event.city:
        place = {"@type": "Place", "name": event.venue_name or event.city}
        if address := _postal_address(event.address, event.city, event.country):
            place["address"] = address
        locations.append(place)
    if event.is_online:
        # The meeting link is for the attendees only: the page is where the open web learns how to join.
        locations.append({"@type": "VirtualLocation", "url": canonical})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if image:
        data["image"] = [image["url"]]
    return data


def _availability(offer: TicketOffer, panel: RegistrationPanel) -> str:
    if offer.sold_out:
        return f"{SCHEMA}/SoldOut"
    if panel.is_open and offer.on_sale:
        return f"{SCHEMA}/InStock"
    return f"{SCHEMA}/OutOfStock"


def event_offers(panel: RegistrationPanel | None, canonical: str) -> list[dict]:
    """One Offer per ticket type of the event, at the price the public pays (members' price for an event
    reserved to members), in MAD, with whether seats are left."""
    if panel is None or panel.settings is None:
        return []
    members_only = bool(panel.event and panel.event.members_only)
    offers = []
    for offer in panel.tickets:
        ticket = offer.ticket
        price = ticket.member_price if members_only else ticket.non_member_price
        if price is None:
            price = ticket.member_price if ticket.non_member_price is None else ticket.non_member_price
        if price is None:
            continue
        item = {
            "@type": "Offer",
            "name": ticket.name_for(),
            "price": f"{to_decimal(price):.2f}",
            "priceCurrency": settings.CURRENCY,
            "availability": _availability(offer, panel),
            "url": canonical,
        }
        zone = panel.event.time_zone if panel.event else settings.TIME_ZONE
        if ticket.sales_start:
            item["validFrom"] = _local_iso(ticket.sales_start, zone)
        if ticket.sales_end:
            item["validThrough"] = _local_iso(ticket.sales_end, zone)
        offers.append(item)
    return offers


def news_article_data(article: NewsPage, canonical: str, association, image: dict | None) -> dict:
    """A news article as a schema.org NewsArticle; a members-only one says it is not free to read."""
    published = article.first_published_at
    data = {
        "@type": "NewsArticle",
        "headline": Truncator(article.title).chars(110),
        "url": canonical,
        "mainEntityOfPage": canonical,
        "datePublished": article.date.isoformat(),
        "publisher": _organization_reference(association),
        "author": (
            {"@type": "Person", "name": article.author} if article.author else _organization_reference(association)
        ),
    }
    modified = article.last_published_at or published
    if modified:
        data["dateModified"] = _local_iso(modified, settings.TIME_ZONE)
    if description := page_description(article):
        data["description"] = description
    if image:
        data["image"] = [image["url"]]
    if article.category_id:
        data["articleSection"] = article.category.name
    if article.members_only:
        data["isAccessibleForFree"] = False
    return data


def _twitter_handle(association: AssociationSettings | None) -> str:
    if association is None or not association.x_url:
        return ""
    path = urlsplit(association.x_url).path.strip("/").split("/")[0]
    return f"@{path}" if path else ""


def _social_tags(
    head: HeadTags, *, title: str, kind: str, image: dict | None, association, languages, wide: bool = True
) -> None:
    language = translation.get_language() or settings.LANGUAGE_CODE
    site_name = association.localized_name if association else settings.WAGTAIL_SITE_NAME
    og = [("og:type", kind), ("og:site_name", site_name), ("og:url", head.canonical)]
    if title:
        og.append(("og:title", title))
    if head.description:
        og.append(("og:description", head.description))
    og.append(("og:locale", OG_LOCALES.get(language, language)))
    og += [("og:locale:alternate", OG_LOCALES.get(code, code)) for code in languages if code != language]
    # Without an image of its own, a page is shown with the association's logo.
    shared = image or (image_rendition(association.logo, LOGO_RENDITION) if association is not None else None)
    if shared:
        og += [
            ("og:image", shared["url"]),
            ("og:image:width", str(shared["width"])),
            ("og:image:height", str(shared["height"])),
        ]
    head.open_graph = og
    twitter = [("twitter:card", "summary_large_image" if image and wide else "summary")]
    if handle := _twitter_handle(association):
        twitter.append(("twitter:site", handle))
    if title:
        twitter.append(("twitter:title", title))
    if head.description:
        twitter.append(("twitter:description", head.description))
    if shared:
        twitter.append(("twitter:image", shared["url"]))
    head.twitter = twitter


def _build_page_head(page: Page, request, association) -> HeadTags:
    versions = language_versions(page, request) if page.pk else {}
    language = translation.get_language() or settings.LANGUAGE_CODE
    own_path = page_path(page, request)
    head = HeadTags(
        canonical=absolute_url(own_path) or versions.get(language, ""),
        alternates=alternates(versions),
        description=page_description(page),
    )
    image = image_rendition(getattr(page, "hero_image", None), SHARE_RENDITION)
    title = page.seo_title or page.title
    kind = "article" if isinstance(page, NewsPage) else "website"
    _social_tags(head, title=title, kind=kind, image=image, association=association, languages=versions)

    if isinstance(page, HomePage):
        head.structured_data.append(organization_data(association))
    elif isinstance(page, EventPage):
        head.structured_data.append(event_data(page, head.canonical, association, image))
    elif isinstance(page, NewsPage):
        head.structured_data.append(news_article_data(page, head.canonical, association, image))
    if breadcrumbs := breadcrumb_data(page, head.canonical, request):
        head.structured_data.append(breadcrumbs)
    head.structured_data = [{"@context": SCHEMA, **data} for data in head.structured_data]
    return head


def page_head(page: Page, *, request, association, registration_panel: RegistrationPanel | None = None) -> HeadTags:
    """The head tags of a Wagtail page, cached per page, language and layout version (never in a preview)."""
    if getattr(request, "is_preview", False) or not page.pk:
        head = _build_page_head(page, request, association)
    else:
        language = translation.get_language() or settings.LANGUAGE_CODE
        key = f"cms:seo:{page.pk}:{language}:{layout_version()}"
        head = cache.get(key)
        if head is None:
            head = _build_page_head(page, request, association)
            cache.set(key, head, LAYOUT_CACHE_SECONDS)
    if isinstance(page, EventPage):
        head = copy.deepcopy(head)
        offers = event_offers(registration_panel, head.canonical)
        for data in head.structured_data:
            if data.get("@type") == "Event" and offers:
                data["offers"] = offers
    return head


def view_head(request, association, *, title: str = "", description: str = "", image=None) -> HeadTags | None:
    """The canonical address and language versions of a public view that is not a Wagtail page (the member
    directory, a company's profile, the join page): the same path under each language prefix, with the link
    preview tags (`image`: a Wagtail image, such as a company's logo). None for any other view."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in PUBLIC_VIEWS:
        return None
    versions = {code: absolute_url(translate_url(request.path, code)) for code, _name in settings.LANGUAGES}
    language = translation.get_language() or settings.LANGUAGE_CODE
    head = HeadTags(
        canonical=versions.get(language) or absolute_url(request.path),
        alternates=alternates(versions),
        description=_plain(description),
    )
    shared = image_rendition(image, LOGO_RENDITION)
    _social_tags(
        head, title=title, kind="website", image=shared, association=association, languages=versions, wide=False
    )
    return head
