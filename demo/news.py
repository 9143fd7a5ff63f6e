"""News: the index, categories (translatable snippets), and a dozen articles, two of them for members only."""

import datetime as dt

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from cms.models import NewsCategory, NewsIndexPage, NewsPage
from demo import content
from demo.pages import SitePages, child_page, paragraphs_html
from members.constants import MEMBERS_GROUP


def seed_categories() -> dict[str, NewsCategory]:
    locale = Locale.get_default()
    categories = {}
    for slug, (name, _name_en, _name_ar) in content.NEWS_CATEGORIES.items():
        categories[slug], _ = NewsCategory.objects.update_or_create(slug=slug, locale=locale, defaults={"name": name})
    return categories


def translate_categories(categories: dict[str, NewsCategory]) -> None:
    for slug, (_name, name_en, name_ar) in content.NEWS_CATEGORIES.items():
        for language, name in (("en", name_en), ("ar", name_ar)):
            locale, _ = Locale.objects.get_or_create(language_code=language)
            if not categories[slug].has_translation(locale):
                copy = categories[slug].copy_for_translation(locale)
                copy.name = name
                copy.save()


def restrict_to_members(page) -> None:
    restriction, _ = PageViewRestriction.objects.get_or_create(
        page=page, defaults={"restriction_type": PageViewRestriction.GROUPS}
    )
    restriction.groups.add(Group.objects.get_or_create(name=MEMBERS_GROUP)[0])


def seed_news(pages: SitePages, users: dict) -> None:
    editor = users.get("editor")
    pages.news_index = child_page(
        pages.home,
        NewsIndexPage,
        "actualites",
        title="Actualités",
        intro="<p>La vie de l'association, de ses membres et des écosystèmes numériques régionaux.</p>",
    )
    categories = seed_categories()
    today = timezone.localdate()
    for position, row in enumerate(content.NEWS):
        slug, title, days_ago, category, tags, members_only, intro, paragraphs = row
        date = today - dt.timedelta(days=days_ago)
        body = [("paragraph", paragraphs_html([("", text) for text in paragraphs]))]
        if position % 4 == 1:
            body.append(
                (
                    "quote",
                    {
                        "quote": "Nos membres ne cherchent pas un club : ils cherchent des clients et des partenaires.",
                        "attribution": "Nadia El Fassi",
                        "role": "présidente de la commission affaires",
                    },
                )
            )
        page = pages.news.get(slug) or child_page(
            pages.news_index,
            NewsPage,
            slug,
            user=editor,
            title=title,
            date=date,
            category=categories[category],
            intro=intro,
            body=body,
            author=f"{editor.first_name} {editor.last_name}" if editor else "",
            hero_image=pages.heroes[position % len(pages.heroes)] if pages.heroes and position % 3 == 0 else None,
            first_published_at=timezone.make_aware(dt.datetime.combine(date, dt.time(9, 30))),
            tags=tags,
        )
        if members_only:
            restrict_to_members(page)
        pages.news[slug] = page
    translate_categories(categories)
