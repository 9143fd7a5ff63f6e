"""The page tree of the demo site: the home page as the site root, standard pages, site settings and the
English and Arabic copies made the way simple_translation makes them (translations of a few pages; the others
reach the English and Arabic trees as aliases, cms.translations.sync_page_trees, at the end of the seed)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page, Site

from cms.models import AssociationSettings, HomePage, NavigationSettings, StandardPage
from demo import content
from demo import navigation as menu
from demo.images import draw_hero, draw_logo, wagtail_image
from demo.members import ice_number


@dataclass
class SitePages:
    site: Site
    home: HomePage
    standard: dict[str, StandardPage] = field(default_factory=dict)
    heroes: list = field(default_factory=list)
    news_index: Page | None = None
    news: dict[str, Page] = field(default_factory=dict)
    event_index: Page | None = None
    events: dict[str, Page] = field(default_factory=dict)


def paragraphs_html(sections: list[tuple[str, str]]) -> str:
    return "".join(
        (f"<h2>{escape(heading)}</h2>" if heading else "") + f"<p>{escape(text)}</p>" for heading, text in sections
    )


def child_page(parent: Page, model, slug: str, *, user=None, tags=(), prepare=None, **fields):
    """The child of `parent` with this slug, created and published the first time.

    A page that exists is left as it is: an editor may have changed it since the last seed. `prepare(page)`
    fills inline children (sessions, partners…) before the first save, so that they are in the first revision.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = model(slug=slug, owner=user, **fields)
    if tags:
        page.tags.add(*tags)
    if prepare:
        prepare(page)
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
    return page


def site_path(name: str, fallback: str) -> str:
    """The path of a view of another app (the member directory, the membership form), as the URLconf has it."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return fallback


def fill_blanks(page: Page, **values) -> None:
    """Give the page's empty fields their demo value and publish, if any was empty; leave filled ones alone."""
    changed = False
    for name, value in values.items():
        if value is not None and not getattr(page, name):
            setattr(page, name, value)
            changed = True
    if changed:
        page.save_revision(log_action=True).publish(skip_permission_checks=True)


def _bank_details() -> dict[str, str]:
    rib = "011780000012345678901234"  # invented: bank 011, city 780, account, key
    check = 98 - int("".join(str(int(c, 36)) for c in rib + "MA00")) % 97
    return {"rib": rib, "iban": f"MA{check:02d}{rib}", "swift_bic": "BDEMMAMC"}


def seed_home(*, with_images: bool) -> tuple[Site, HomePage, list]:
    """Put a HomePage at the root of the default site, in place of Wagtail's "Welcome" page."""
    root = Page.get_first_root_node()
    default_locale = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    heroes = (
        [wagtail_image(f"Illustration {n + 1}", draw_hero(n), f"illustration-{n + 1}.png") for n in range(5)]
        if with_images
        else []
    )
    # The cms migrations put an empty HomePage in place of Wagtail's "Welcome" page; older databases may not have it.
    home = HomePage.objects.filter(depth=2, locale=default_locale).first()
    if home is None:
        home = child_page(root, HomePage, "accueil", title=content.HOME["title"], locale=default_locale)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    if site.root_page_id != home.pk or site.site_name != content.ASSOCIATION["name"]:
        site.root_page = home
        site.site_name = content.ASSOCIATION["name"]
        site.save()
    # Wagtail's "Welcome to your new Wagtail site!" page: a plain Page with no children of its own.
    for page in Page.objects.filter(depth=2, numchild=0).exclude(pk=home.pk):
        if page.specific_class is Page and not Site.objects.filter(root_page=page).exists():
            page.delete()
    return site, home, heroes


def seed_standard_pages(home: HomePage) -> dict[str, StandardPage]:
    pages = {}
    for slug, (title, intro, sections) in content.STANDARD_PAGES.items():
        body = [("paragraph", paragraphs_html(sections))]
        if slug == "adherer":
            body.append(
                (
                    "call_to_action",
                    {
                        "title": "Prêts à nous rejoindre ?",
                        "text": "La demande d'adhésion se fait en ligne ; le secrétariat vous répond sous une semaine.",
                        "button_label": "Demander l'adhésion",
                        "page": None,
                        # A URL block: it takes a full address.
                        "url": settings.SITE_URL + site_path("members:apply", "/join/"),
                    },
                )
            )
        pages[slug] = child_page(home, StandardPage, slug, title=title, intro=intro, body=body)
    return pages


FOOTER_PAGES = ("a-propos", "missions", "adherer", "contact")


def seed_settings(site: Site, pages: "SitePages", *, with_images: bool) -> None:
    identity = AssociationSettings.for_site(site)
    association = content.ASSOCIATION
    values = {
        "name": association["full_name"],
        "name_en": association["full_name_en"],
        "name_ar": association["full_name_ar"],
        "short_name": association["name"],
        "tagline": association["tagline"],
        "tagline_en": association["tagline_en"],
        "tagline_ar": association["tagline_ar"],
        "email": association["email"],
        "phone": association["phone"],
        "address": association["address"],
        "city": "Casablanca",
        "linkedin_url": "https://www.linkedin.com/company/majlis-tech-demo",
        "ice": ice_number(0),
        "rc": "400001",
        "if_number": "50000001",
        "bank_name": "Banque de démonstration, agence Technopark",
        "bank_account_holder": association["full_name"],
        **_bank_details(),
    }
    if with_images and not identity.logo_id:
        values["logo"] = wagtail_image("Logo Majlis Tech", draw_logo("Majlis Tech"), "logo-majlis-tech.png")
    for name, value in values.items():
        setattr(identity, name, value)
    identity.full_clean()
    identity.save()

    navigation = NavigationSettings.for_site(site)
    directory = site_path("members:directory", "/members/")
    if not navigation.header_links:
        navigation.header_links = [
            ("link", link)
            for link in (
                menu.link(pages.standard.get("a-propos")),
                menu.link(pages.news_index),
                menu.link(pages.event_index),
                menu.link(url=directory, label="Annuaire des membres"),
                menu.link(pages.standard.get("adherer"), label="Adhérer"),
            )
        ]
        navigation.footer_columns = [
            ("column", menu.column("L'association", [menu.link(pages.standard.get(slug)) for slug in FOOTER_PAGES])),
            (
                "column",
                menu.column(
                    "Suivre",
                    [
                        menu.link(pages.news_index),
                        menu.link(pages.event_index),
                        menu.link(url=directory, label="Annuaire des membres"),
                    ],
                ),
            ),
        ]
        navigation.save()
    menu.translate_navigation(navigation)


def seed_pages(*, with_images: bool = True) -> SitePages:
    site, home, heroes = seed_home(with_images=with_images)
    standard = seed_standard_pages(home)
    fill_blanks(
        home,
        hero_title=content.HOME["hero_title"],
        hero_text=content.HOME["hero_text"],
        hero_image=heroes[0] if heroes else None,
        join_title="Rejoignez le réseau",
        join_text="Annuaire, événements au tarif membre, contenus réservés et une voix auprès des institutions.",
    )
    return SitePages(site=site, home=home, standard=standard, heroes=heroes)


def translate(page: Page, language_code: str, *, title: str, **fields) -> Page:
    """The page's copy in that locale, made like simple_translation's "Translate" button, then rewritten."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing and existing.alias_of_id is None:
        existing = existing.specific
        fill_blanks(existing, **fields)
        return existing
    if existing:
        # An alias (the synced tree's French page under /en/ or /ar/): turn it into a real translation in place, as
        # the admin does, so that its address and the aliases below it stay.
        copy = existing.specific
        ConvertAliasPageAction(copy).execute(skip_permission_checks=True)
    else:
        copy = page.copy_for_translation(locale, copy_parents=False, alias=False).specific
    copy.title = title
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision(log_action=True).publish()
    return copy


def seed_translations(pages: SitePages) -> None:
    """English and Arabic versions of the home page, the main pages and a few articles; the other pages stay
    French (shown under /en/ and /ar/ as aliases), as on a real site where the translators are the secretariat."""
    for language in ("en", "ar"):
        locale, _ = Locale.objects.get_or_create(language_code=language)
        home_title, hero_title = content.HOME[language]
        tagline = content.ASSOCIATION[f"tagline_{language}"]
        cta_label, join_title, join_text = content.HOME["join"][language]
        translate(
            pages.home,
            language,
            title=home_title,
            hero_title=hero_title,
            hero_text=tagline,
            hero_cta_label=cta_label,
            join_title=join_title,
            join_text=join_text,
        )
        for slug, (title, intro) in content.STANDARD_PAGES_TRANSLATED[language].items():
            body = [("paragraph", f"<p>{escape(intro)}</p>")]
            translate(pages.standard[slug], language, title=title, intro=intro, body=body)
        if pages.news_index:
            translate(pages.news_index, language, title={"en": "News", "ar": "الأخبار"}[language])
            for slug, versions in content.NEWS_TRANSLATED.items():
                if slug in pages.news:
                    title, intro = versions[language]
                    article = pages.news[slug]
                    category = article.category.get_translation_or_none(locale) if article.category else None
                    body = [("paragraph", f"<p>{escape(intro)}</p>")]
                    translate(article, language, title=title, intro=intro, body=body, category=category)
        if pages.event_index:
            translate(pages.event_index, language, title={"en": "Events", "ar": "الفعاليات"}[language])
