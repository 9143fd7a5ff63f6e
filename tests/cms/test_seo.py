"""What search engines and link previews read in a page's head: canonical address, language versions, Open Graph
and Twitter card tags, the meta description and schema.org data, as a crawler parses them."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Site

from cms.models import AssociationSettings
from tests.factories.cms import NewsPageFactory, StandardPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory
from tests.factories.members import OrganisationFactory
from tests.factories.registrations import RegistrationFactory, RegistrationSettingsFactory, TicketTypeFactory

PUBLIC = "https://www.majlis.example"
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")

# Wagtail never closes the SpooledTemporaryFile it renders a new rendition into (see test_query_counts.py).
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


class _Head(HTMLParser):
    """The <link>, <meta> and JSON-LD elements of a page, as a crawler reads them."""

    def __init__(self):
        super().__init__()
        self.links, self.metas, self.json_ld, self._in_ld = [], [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta":
            self.metas.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld[-1] += data

    def canonical(self) -> str:
        return next(link["href"] for link in self.links if link.get("rel") == "canonical")

    def hreflang(self) -> dict[str, str]:
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link.get("rel") == "alternate" and "hreflang" in link
        }

    def meta(self, key: str) -> list[str]:
        return [meta["content"] for meta in self.metas if key in (meta.get("property"), meta.get("name"))]

    def structured(self, kind: str) -> dict:
        found = [item for item in map(json.loads, self.json_ld) if item["@type"] == kind]
        assert len(found) == 1, f"{len(found)} {kind} objects"
        assert found[0]["@context"] == "https://schema.org"
        return found[0]

    def types(self) -> list[str]:
        return [json.loads(item)["@type"] for item in self.json_ld]


def _head(client, url: str) -> _Head:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _Head()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture(autouse=True)
def public_host(settings):
    """The public host differs from the one the test client asks (testserver): addresses must use the former."""
    settings.SITE_URL = PUBLIC
    cache.clear()


@pytest.fixture
def association(home):
    from wagtail_factories import ImageFactory

    settings_row, _created = AssociationSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "name": "Majlis Tech",
            "short_name": "MT",
            "logo": ImageFactory(file__width=400, file__height=200),
            "address": "Technopark, route de Nouaceur\nBureau 12",
            "city": "Casablanca",
            "email": "contact@majlis.example",
            "linkedin_url": "https://www.linkedin.com/company/majlis-tech",
            "x_url": "https://x.com/majlistech",
        },
    )
    return settings_row


@pytest.fixture
def events_index(home):
    return EventIndexPageFactory(parent=home)


@pytest.fixture
def paid_event(events_index):
    event = EventPageFactory(parent=events_index, title="Digital Now", slug="digital-now")
    RegistrationSettingsFactory(event=event, is_open=True)
    TicketTypeFactory(event=event, name="Pass conférence", member_price=0, non_member_price=150_000)
    return event


# --- Event -----------------------------------------------------------------------------------------------------


def test_event_page_describes_the_event_with_its_dates_place_and_organiser(client, association, paid_event):
    event = _head(client, paid_event.url).structured("Event")
    assert event["name"] == "Digital Now"
    assert ISO_WITH_OFFSET.match(event["startDate"]) and ISO_WITH_OFFSET.match(event["endDate"])
    assert event["startDate"].startswith(paid_event.start_date.isoformat() + "T09:00:00")
    assert event["endDate"].startswith(paid_event.end_date.isoformat() + "T17:00:00")
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["name"] == "Technopark"
    assert event["location"]["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Route de Nouaceur",
        "addressLocality": "Casablanca",
        "addressCountry": "Maroc",
    }
    assert event["organizer"]["@type"] == "Organization"
    assert event["organizer"]["name"] == "Majlis Tech"
    assert event["url"] == f"{PUBLIC}/evenements/digital-now/"


def test_event_offers_give_each_ticket_price_in_mad_and_whether_seats_are_left(client, association, paid_event):
    TicketTypeFactory(event=paid_event, name="Atelier", member_price=0, non_member_price=0, quota=1)
    offers = _head(client, paid_event.url).structured("Event")["offers"]
    assert [(offer["name"], offer["price"], offer["priceCurrency"]) for offer in offers] == [
        ("Pass conférence", "1500.00", "MAD"),
        ("Atelier", "0.00", "MAD"),
    ]
    assert {offer["availability"] for offer in offers} == {"https://schema.org/InStock"}
    assert all(offer["@type"] == "Offer" and offer["url"].startswith(PUBLIC) for offer in offers)


def test_a_sold_out_ticket_is_offered_as_sold_out(client, association, paid_event):
    workshop = TicketTypeFactory(event=paid_event, name="Atelier", non_member_price=0, quota=1)
    RegistrationFactory(ticket_type=workshop)
    offers = {offer["name"]: offer for offer in _head(client, paid_event.url).structured("Event")["offers"]}
    assert offers["Atelier"]["availability"] == "https://schema.org/SoldOut"
    assert offers["Pass conférence"]["availability"] == "https://schema.org/InStock"


def test_an_online_event_and_a_hybrid_event_say_how_to_attend(client, association, events_index):
    online = EventPageFactory(
        parent=events_index,
        slug="webinaire",
        venue_name="",
        address="",
        city="",
        country="",
        is_online=True,
        online_url="https://meet.example/secret-room",
    )
    hybrid = EventPageFactory(parent=events_index, slug="forum", is_online=True, online_url="https://meet.example/x")

    webinar = _head(client, online.url).structured("Event")
    assert webinar["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert webinar["location"] == {"@type": "VirtualLocation", "url": f"{PUBLIC}/evenements/webinaire/"}
    forum = _head(client, hybrid.url).structured("Event")
    assert forum["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in forum["location"]] == ["Place", "VirtualLocation"]
    # The meeting link is for the attendees: never in what the open web reads.
    assert "meet.example" not in client.get(online.url).content.decode()


def test_an_event_in_paris_keeps_the_offset_of_paris(client, association, events_index):
    import datetime as dt

    fair = EventPageFactory(
        parent=events_index, slug="midest", time_zone="Europe/Paris", start_date=dt.date(2027, 3, 16)
    )
    event = _head(client, fair.url).structured("Event")
    assert event["startDate"] == "2027-03-16T09:00:00+01:00"


def test_a_title_with_a_closing_script_tag_cannot_break_out_of_the_structured_data(client, association, events_index):
    title = '</script><script>alert("x")</script> & <!-- Digital'
    event = EventPageFactory(parent=events_index, slug="piege", title=title)
    html = client.get(event.url).content.decode()
    assert '<script>alert("x")' not in html
    parser = _Head()
    parser.feed(html)
    assert parser.structured("Event")["name"] == title


# --- Organization, NewsArticle, BreadcrumbList -----------------------------------------------------------------------


def test_home_page_describes_the_association(client, association):
    head = _head(client, "/")
    organization = head.structured("Organization")
    assert organization["name"] == "Majlis Tech"
    assert organization["alternateName"] == "MT"
    assert organization["url"] == f"{PUBLIC}/"
    assert organization["logo"]["url"].startswith(f"{PUBLIC}/media/images/")
    assert organization["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Technopark, route de Nouaceur, Bureau 12",
        "addressLocality": "Casablanca",
        "addressCountry": "MA",
    }
    assert organization["email"] == "contact@majlis.example"
    assert organization["sameAs"] == ["https://www.linkedin.com/company/majlis-tech", "https://x.com/majlistech"]
    assert "BreadcrumbList" not in head.types()


def test_news_article_is_described_with_its_dates_image_author_and_publisher(client, association, news_index):
    from wagtail_factories import ImageFactory

    article = NewsPageFactory(parent=news_index, title="Le cloud souverain", author="Salma Idrissi")
    article.hero_image = ImageFactory()
    article.save_revision().publish()
    data = _head(client, article.url).structured("NewsArticle")
    assert data["headline"] == "Le cloud souverain"
    assert data["datePublished"] == article.date.isoformat()
    assert ISO_WITH_OFFSET.match(data["dateModified"])
    assert data["image"][0].startswith(f"{PUBLIC}/media/images/") and "fill-1200x630" in data["image"][0]
    assert data["author"] == {"@type": "Person", "name": "Salma Idrissi"}
    assert data["publisher"]["name"] == "Majlis Tech"
    assert data["mainEntityOfPage"] == f"{PUBLIC}{article.url}"
    assert "isAccessibleForFree" not in data


def test_members_only_article_says_it_is_not_free_to_read(client, association, members_only_article):
    data = _head(client, members_only_article.url).structured("NewsArticle")
    assert data["isAccessibleForFree"] is False


def test_pages_below_the_home_page_have_their_breadcrumbs(client, association, home):
    about = StandardPageFactory(parent=home, title="À propos", slug="a-propos")
    board = StandardPageFactory(parent=about, title="Le bureau", slug="bureau")
    crumbs = _head(client, board.url).structured("BreadcrumbList")["itemListElement"]
    assert [(item["position"], item["name"], item["item"]) for item in crumbs] == [
        (1, "Accueil", f"{PUBLIC}/"),
        (2, "À propos", f"{PUBLIC}/a-propos/"),
        (3, "Le bureau", f"{PUBLIC}/a-propos/bureau/"),
    ]


# --- Canonical, hreflang, Open Graph -------------------------------------------------------------------------------


def test_canonical_and_language_versions_are_absolute_on_the_public_host(client, association, home_translations):
    about = StandardPageFactory(parent=home_translations["fr"], title="À propos", slug="a-propos")
    about_en = about.copy_for_translation(Locale.objects.get(language_code="en"))
    about_en.title, about_en.slug = "About us", "about"
    about_en.save_revision().publish()

    head = _head(client, "/en/about/")
    assert head.canonical() == f"{PUBLIC}/en/about/"
    # No Arabic version yet: none is announced.
    assert head.hreflang() == {
        "fr": f"{PUBLIC}/a-propos/",
        "en": f"{PUBLIC}/en/about/",
        "x-default": f"{PUBLIC}/a-propos/",
    }


def test_an_alias_of_the_synced_page_tree_is_a_language_version(client, association, home_translations):
    about = StandardPageFactory(parent=home_translations["fr"], title="À propos", slug="a-propos")
    about.copy_for_translation(Locale.objects.get(language_code="ar"), alias=True)
    head = _head(client, "/a-propos/")
    assert head.hreflang()["ar"] == f"{PUBLIC}/ar/a-propos/"
    assert _head(client, "/ar/a-propos/").canonical() == f"{PUBLIC}/ar/a-propos/"


def test_link_previews_get_title_description_image_and_locales(client, association, home_translations, news_index):
    from wagtail_factories import ImageFactory

    article = NewsPageFactory(parent=news_index, title="Export vers l'Afrique", intro="Trois marchés à l'essai.")
    article.hero_image = ImageFactory(file__width=1600, file__height=900)
    article.search_description = "Le programme export de l'association."
    article.save_revision().publish()
    head = _head(client, article.url)
    assert head.meta("description") == ["Le programme export de l'association."]
    assert head.meta("og:title") == ["Export vers l'Afrique"]
    assert head.meta("og:description") == ["Le programme export de l'association."]
    assert head.meta("og:type") == ["article"]
    assert head.meta("og:url") == [f"{PUBLIC}{article.url}"]
    assert head.meta("og:site_name") == ["Majlis Tech"]
    assert head.meta("og:locale") == ["fr_FR"]
    [image] = head.meta("og:image")
    assert image.startswith(f"{PUBLIC}/media/images/")
    assert head.meta("og:image:width") == ["1200"] and head.meta("og:image:height") == ["630"]
    assert head.meta("twitter:card") == ["summary_large_image"]
    assert head.meta("twitter:site") == ["@majlistech"]
    assert head.meta("twitter:image") == [image]


def test_a_page_without_image_is_previewed_with_the_logo_and_its_introduction(client, association, home_translations):
    page = StandardPageFactory(parent=home_translations["fr"], slug="statuts", intro="<b>Les statuts</b> de 2024.")
    page.copy_for_translation(Locale.objects.get(language_code="en"), alias=True)
    head = _head(client, "/en/statuts/")
    assert head.meta("description") == ["Les statuts de 2024."]
    assert head.meta("og:locale") == ["en_US"]
    assert head.meta("og:locale:alternate") == ["fr_FR"]
    assert head.meta("og:image") == [PUBLIC + association.logo.get_rendition("max-600x600").url]
    assert head.meta("twitter:card") == ["summary"]


def test_member_directory_and_company_profile_have_their_language_versions(client, association):
    company = OrganisationFactory(slug="atlas-cloud", trade_name="Atlas Cloud", directory_opt_in=True)
    directory = _head(client, "/en/members/")
    assert directory.canonical() == f"{PUBLIC}/en/members/"
    assert directory.hreflang() == {
        "fr": f"{PUBLIC}/members/",
        "en": f"{PUBLIC}/en/members/",
        "ar": f"{PUBLIC}/ar/members/",
        "x-default": f"{PUBLIC}/members/",
    }
    profile = _head(client, f"/ar/members/{company.slug}/")
    assert profile.canonical() == f"{PUBLIC}/ar/members/atlas-cloud/"
    assert profile.hreflang()["x-default"] == f"{PUBLIC}/members/atlas-cloud/"
    assert profile.meta("og:title") == ["Atlas Cloud"]
    assert profile.meta("description") == ["Éditeur de logiciels installé au Technopark de Casablanca."]


def test_an_unknown_company_page_announces_no_canonical_address(client, association):
    response = client.get("/members/nobody/")
    assert response.status_code == 404
    assert 'rel="canonical"' not in response.content.decode()


def test_the_join_page_has_a_canonical_address(client, association):
    assert _head(client, "/en/join/").canonical() == f"{PUBLIC}/en/join/"


def test_each_page_has_one_meta_description(client, association, news_index):
    article = NewsPageFactory(parent=news_index, intro="Le résumé de l'article.")
    html = client.get(article.url).content.decode()
    assert html.count('<meta name="description"') == 1


# --- Header logo -----------------------------------------------------------------------------------------------


def test_header_logo_is_served_at_twice_the_size_for_sharp_screens(client, association):
    html = client.get("/").content.decode()
    logo = re.search(r'<img class="site-header__logo"[^>]*>', html).group(0)
    one, two = re.search(r'srcset="(\S+) 1x, (\S+) 2x"', logo).groups()
    assert "height-48" in one and "height-96" in two
    assert 'height="48"' in logo and 'width="96"' in logo


# --- Queries ---------------------------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_event_offers_cost_no_query_per_ticket(client, association, paid_event):
    _queries(client, paid_event.url)  # the process's own first reads (content types…)
    one_ticket = _queries(client, paid_event.url)
    for n in range(4):
        TicketTypeFactory(event=paid_event, name=f"Atelier {n}")
    assert _queries(client, paid_event.url) == one_ticket
    assert len(_head(client, paid_event.url).structured("Event")["offers"]) == 5


def test_head_tags_cost_the_same_for_a_deep_page_and_nothing_once_cached(rf, association, home):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.seo import page_head

    shallow = StandardPageFactory(parent=home, slug="un")
    deep = StandardPageFactory(parent=StandardPageFactory(parent=StandardPageFactory(parent=shallow)))
    request = rf.get("/")
    page_head(shallow, request=request, association=association)
    counts = []
    for page in (shallow, deep, deep):
        if len(counts) < 2:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            head = page_head(page, request=request, association=association)
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1] > 0
    assert counts[2] == 0
    assert len(head.structured_data[0]["itemListElement"]) == 5
