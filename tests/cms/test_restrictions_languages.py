"""A view restriction holds in every language: set on any language version of a page or of one of its ancestors,
it holds on every version (translations and aliases) in French, English and Arabic, for visitors, listings and search.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction, get_page_models

from core.view_restrictions import RestrictedInEveryLanguage
from events.models import EventPage
from tests.factories.cms import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from tests.factories.events import EventIndexPageFactory, EventPageFactory

LANGUAGES = ("fr", "en", "ar")
PASSWORD = "sesame-2026"

# What each visitor gets in French, the reference for every language.
ANONYMOUS, NON_MEMBER, MEMBER = "anonymous", "non-member", "member"
EXPECTED = {
    "members_news": {ANONYMOUS: "teaser", NON_MEMBER: "teaser", MEMBER: "body"},
    "translated_members_news": {ANONYMOUS: "teaser", NON_MEMBER: "teaser", MEMBER: "body"},
    "login_section": {ANONYMOUS: "login", NON_MEMBER: "body", MEMBER: "body"},
    "below_login_section": {ANONYMOUS: "login", NON_MEMBER: "body", MEMBER: "body"},
    "password_page": {ANONYMOUS: "password", NON_MEMBER: "password", MEMBER: "password"},
    "restricted_in_english_only": {ANONYMOUS: "login", NON_MEMBER: "login", MEMBER: "body"},
}


def _locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def _alias(page: Page, code: str) -> Page:
    return page.copy_for_translation(_locale(code), copy_parents=True, alias=True)


def _translation(page: Page, code: str) -> Page:
    copy = page.copy_for_translation(_locale(code))
    copy.title = f"{page.title} ({code})"
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


def _restrict(page: Page, kind: str, group=None) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=PASSWORD if kind == PageViewRestriction.PASSWORD else ""
    )
    if group is not None:
        restriction.groups.add(group)
    return restriction


def _body(key: str):
    return [("paragraph", f"<p>Contenu confidentiel {key}-secret.</p>")]


def _secret(key: str) -> str:
    return f"{key}-secret"


@pytest.fixture
def restricted(home_translations, members_group) -> dict[str, dict[str, Page]]:
    """Each restricted page of the site, by kind, in each language. Translations and aliases exist before the
    restrictions are set, as on a site whose tree is synced (a restriction is usually added later)."""
    fr_home = home_translations["fr"]
    pages: dict[str, dict[str, Page]] = {}

    news_fr = NewsIndexPageFactory(parent=fr_home)
    _translation(news_fr, "en")
    _alias(news_fr, "ar")
    article = NewsPageFactory(parent=news_fr, title="Rapport membres", slug="rapport", body=_body("members_news"))
    pages["members_news"] = {"fr": article, "en": _alias(article, "en"), "ar": _alias(article, "ar")}
    _restrict(article, PageViewRestriction.GROUPS, members_group)

    # Its English version was translated (a page of its own, no longer an alias of the restricted one).
    translated = NewsPageFactory(
        parent=news_fr, title="Étude membres", slug="etude", body=_body("translated_members_news")
    )
    pages["translated_members_news"] = {"fr": translated, "en": _translation(translated, "en")}
    pages["translated_members_news"]["ar"] = _alias(translated, "ar")
    _restrict(translated, PageViewRestriction.GROUPS, members_group)

    # A section for logged-in visitors, translated into English; the page below it is an alias in both languages.
    section = StandardPageFactory(parent=fr_home, title="Espace membres", slug="espace", body=_body("login_section"))
    pages["login_section"] = {"fr": section, "en": _translation(section, "en"), "ar": _alias(section, "ar")}
    below = StandardPageFactory(parent=section, title="Documents", slug="documents", body=_body("below_login_section"))
    pages["below_login_section"] = {"fr": below, "en": _alias(below, "en"), "ar": _alias(below, "ar")}
    _restrict(section, PageViewRestriction.LOGIN)

    secret = StandardPageFactory(parent=fr_home, title="Jury", slug="jury", body=_body("password_page"))
    pages["password_page"] = {"fr": secret, "en": _alias(secret, "en"), "ar": _translation(secret, "ar")}
    _restrict(secret, PageViewRestriction.PASSWORD)

    # Restricted by an English editor on the English translation only.
    directory = StandardPageFactory(
        parent=fr_home, title="Annuaire interne", slug="annuaire", body=_body("restricted_in_english_only")
    )
    pages["restricted_in_english_only"] = {
        "fr": directory,
        "en": _translation(directory, "en"),
        "ar": _alias(directory, "ar"),
    }
    _restrict(pages["restricted_in_english_only"]["en"], PageViewRestriction.GROUPS, members_group)
    return pages


@pytest.fixture
def visitors(client, django_user_model, member):
    non_member = django_user_model.objects.create_user(email="visiteur@example.ma", password="x" * 12)
    return {ANONYMOUS: None, NON_MEMBER: non_member, MEMBER: member}


def _outcome(client, page: Page, key: str) -> str:
    response = client.get(page.url)
    if response.status_code == 302 and "/accounts/login/" in response["Location"]:
        return "login"
    assert response.status_code == 200, (page.url, response.status_code)
    html = response.content.decode()
    if _secret(key) in html:
        return "body"
    if "authenticate_with_password" in html:
        return "password"
    if 'class="members-gate' in html:
        return "teaser"
    return "something else"


@pytest.mark.parametrize("kind", EXPECTED)
def test_every_restricted_page_is_refused_in_every_language_as_in_french(client, restricted, visitors, kind):
    seen = {}
    for who, user in visitors.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for code in LANGUAGES:
            page = restricted[kind][code]
            assert page.locale.language_code == code
            seen[who, code] = _outcome(client, page, kind)

    assert seen == {(who, code): EXPECTED[kind][who] for who in visitors for code in LANGUAGES}


def test_a_restriction_set_later_is_seen_at_an_address_already_served(client, home_translations, members_group):
    page = StandardPageFactory(parent=home_translations["fr"], title="Bilan", slug="bilan", body=_body("later"))
    alias = _alias(page, "ar")
    assert _outcome(client, alias, "later") == "body"

    _restrict(page, PageViewRestriction.GROUPS, members_group)

    assert _outcome(client, alias, "later") == "login"
    assert _outcome(client, alias, "later") == "login"


def test_lifting_the_french_restriction_opens_the_aliases_made_while_it_held(client, home_translations, members_group):
    page = StandardPageFactory(parent=home_translations["fr"], title="Bilan", slug="bilan", body=_body("lifted"))
    restriction = _restrict(page, PageViewRestriction.GROUPS, members_group)
    alias = _alias(page, "ar")  # Wagtail copies the restriction onto the alias
    assert PageViewRestriction.objects.filter(page=alias).exists()
    own = _restrict(_alias(page, "en"), PageViewRestriction.LOGIN)  # set on the English version itself
    assert _outcome(client, alias, "lifted") == "login"

    restriction.delete()

    assert not PageViewRestriction.objects.filter(page=alias).exists()
    assert PageViewRestriction.objects.filter(pk=own.pk).exists()
    own.delete()
    assert _outcome(client, alias, "lifted") == "body"
    assert _outcome(client, page, "lifted") == "body"


def test_the_password_given_in_french_opens_every_language_version(client, restricted):
    pages = restricted["password_page"]
    restriction = PageViewRestriction.objects.get(page=pages["fr"])
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, pages["fr"].pk]),
        {"password": PASSWORD, "return_url": pages["fr"].url},
    )

    assert {code: _outcome(client, pages[code], "password_page") for code in LANGUAGES} == dict.fromkeys(
        LANGUAGES, "body"
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_news_index_marks_the_members_only_articles_and_shows_no_body(client, restricted, code):
    index = restricted["members_news"][code].get_parent().specific

    html = client.get(index.url).content.decode()

    assert html.count("badge--warning") == 2
    assert _secret("members_news") not in html
    assert _secret("translated_members_news") not in html


@pytest.mark.parametrize("code", LANGUAGES)
def test_search_leaves_out_restricted_pages_in_every_language(client, restricted, code):
    call_command("update_index", verbosity=0)
    prefix = "" if code == "fr" else f"/{code}"

    html = client.get(f"{prefix}/search/", {"q": "confidentiel"}).content.decode()

    for kind in ("login_section", "below_login_section", "password_page", "restricted_in_english_only"):
        assert restricted[kind][code].title not in html
        assert _secret(kind) not in html
    # Members-only articles are found by their teaser, never their body.
    assert restricted["members_news"][code].title in html
    assert _secret("members_news") not in html


def test_a_restricted_event_stays_out_of_the_public_events_in_every_language(home_translations, members_group):
    index = EventIndexPageFactory(parent=home_translations["fr"])
    _alias(index, "en")
    public = EventPageFactory(parent=index, title="Forum ouvert")
    private = EventPageFactory(parent=index, title="Dîner des membres")
    versions = [_translation(private, "en"), _alias(private, "ar"), _alias(public, "en")]
    _restrict(private, PageViewRestriction.GROUPS, members_group)

    listed = set(EventPage.objects.live().public().values_list("pk", flat=True))

    assert public.pk in listed and versions[2].pk in listed
    assert not listed & {private.pk, versions[0].pk, versions[1].pk}


def test_reading_the_restrictions_of_a_page_takes_one_query_whatever_its_depth(restricted, django_assert_num_queries):
    page = Page.objects.get(pk=restricted["below_login_section"]["ar"].pk).specific

    with django_assert_num_queries(1):
        restrictions = list(page.get_view_restrictions())

    assert [restriction.page_id for restriction in restrictions] == [restricted["login_section"]["fr"].pk]


def test_every_page_model_reads_the_restrictions_of_every_language():
    models = [model for model in get_page_models() if model is not Page]

    assert models
    assert all(issubclass(model, RestrictedInEveryLanguage) for model in models)
