"""A large generated data set for benchmarks: `seed_demo --scale N` adds N×500 companies, N×100 news articles and
N×25 events. Companies go in with bulk inserts; pages one by one through treebeard (Django cannot bulk-insert
multi-table models), a few hundred per transaction. Keyed by slug, so a second run only fills the gaps."""

import datetime as dt
import itertools
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from cms.models import NewsCategory, NewsPage
from demo import content
from demo.images import draw_logo, wagtail_image
from demo.members import ice_number
from demo.pages import SitePages
from events.models import EventPage, EventType
from members.models import Organisation, Region, Sector, SizeBand

COMPANIES_PER_SCALE = 500
NEWS_PER_SCALE = 100
EVENTS_PER_SCALE = 25
PAGES_PER_TRANSACTION = 250

NAME_STEMS = [
    "Atlas",
    "Argan",
    "Medina",
    "Zellige",
    "Oasis",
    "Kasbah",
    "Rif",
    "Souss",
    "Nour",
    "Amane",
    "Tafilalet",
    "Sahel",
    "Andalous",
    "Majorelle",
    "Cèdre",
    "Tingis",
    "Volubilis",
    "Mogador",
    "Anfa",
    "Saïss",
]
NAME_ENDINGS = [
    "Tech", "Digital", "Solutions", "Systèmes", "Conseil", "Industries", "Logistique", "Énergie", "Labs",
    "Services", "Ingénierie", "Data", "Réseaux", "Process", "Innovation",
]  # fmt: skip
CITIES = {
    Region.CASABLANCA_SETTAT: "Casablanca",
    Region.RABAT_SALE_KENITRA: "Rabat",
    Region.TANGER_TETOUAN_AL_HOCEIMA: "Tanger",
    Region.FES_MEKNES: "Fès",
    Region.MARRAKECH_SAFI: "Marrakech",
    Region.SOUSS_MASSA: "Agadir",
    Region.ORIENTAL: "Oujda",
    Region.BENI_MELLAL_KHENIFRA: "Béni Mellal",
    Region.DRAA_TAFILALET: "Ouarzazate",
    Region.GUELMIM_OUED_NOUN: "Guelmim",
    Region.LAAYOUNE_SAKIA_EL_HAMRA: "Laâyoune",
    Region.DAKHLA_OUED_ED_DAHAB: "Dakhla",
}


def _batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def seed_companies(count: int, sectors: dict[str, Sector], *, with_logos: bool = True) -> int:
    rng = random.Random(20)
    existing = set(Organisation.objects.filter(slug__startswith="entreprise-").values_list("slug", flat=True))
    logos = (
        [
            # One per name stem, so that a company's logo shows the initial of its name.
            wagtail_image(f"Logo {stem}", draw_logo(stem), f"logo-{n}.png")
            for n, stem in enumerate(NAME_STEMS)
        ]
        if with_logos
        else [None]
    )
    sector_list = list(sectors.values())
    regions = list(CITIES)
    created = 0
    for batch in _batched(range(1, count + 1), 1000):
        organisations, sector_links = [], []
        for number in batch:
            slug = f"entreprise-{number:05d}"
            if slug in existing:
                continue
            region = regions[min(int(rng.expovariate(0.45)), len(regions) - 1)]
            name = f"{NAME_STEMS[number % len(NAME_STEMS)]} {NAME_ENDINGS[number % len(NAME_ENDINGS)]} {number}"
            organisations.append(
                Organisation(
                    legal_name=f"{name} SARL",
                    trade_name=name,
                    slug=slug,
                    legal_form="SARL",
                    ice=ice_number(1000 + number),
                    size_band=rng.choice(SizeBand.values),
                    city=CITIES[region],
                    region=region,
                    country="MA",
                    website=f"https://www.{slug}.example",
                    description=f"{name} accompagne ses clients à {CITIES[region]} et dans tout le Maroc.",
                    contact_email=f"contact@{slug}.example",
                    status=Organisation.Status.ACTIVE if number % 10 else Organisation.Status.LAPSED,
                    directory_opt_in=number % 17 != 0,
                    logo=logos[number % len(logos)],
                )
            )
        with transaction.atomic():
            saved = Organisation.objects.bulk_create(organisations, batch_size=500)
            if not all(organisation.pk for organisation in saved):  # backends without RETURNING
                by_slug = dict(Organisation.objects.filter(slug__in=[o.slug for o in saved]).values_list("slug", "pk"))
                for organisation in saved:
                    organisation.pk = by_slug[organisation.slug]
            Through = Organisation.sectors.through
            for organisation in saved:
                for sector in rng.sample(sector_list, k=rng.choice((1, 1, 2, 3))):
                    sector_links.append(Through(organisation_id=organisation.pk, sector_id=sector.pk))
            Through.objects.bulk_create(sector_links, batch_size=1000)
        created += len(saved)
    return created


def _add_pages(parent, pages) -> int:
    """Add unsaved pages under `parent` without revisions, committing every few hundred."""
    created = 0
    for batch in _batched(pages, PAGES_PER_TRANSACTION):
        with transaction.atomic():
            for page in batch:
                parent.add_child(instance=page)
                created += 1
        parent.refresh_from_db()
    return created


def seed_news(count: int, pages: SitePages) -> int:
    rng = random.Random(100)
    parent = pages.news_index
    existing = set(parent.get_children().filter(slug__startswith="article-").values_list("slug", flat=True))
    categories = list(NewsCategory.objects.filter(locale=parent.locale))
    now = timezone.now()
    texts = content.NEWS

    def generate():
        for number in range(1, count + 1):
            slug = f"article-{number:05d}"
            if slug in existing:
                continue
            source = texts[number % len(texts)]
            published = now - dt.timedelta(days=number * 730 / count, hours=rng.randint(0, 9))
            yield NewsPage(
                title=f"{source[1]} ({number})",
                slug=slug,
                date=timezone.localdate(published),
                category=categories[number % len(categories)] if categories else None,
                intro=source[6],
                body=[("paragraph", "".join(f"<p>{text}</p>" for text in source[7]))],
                live=True,
                first_published_at=published,
                last_published_at=published,
            )

    return _add_pages(parent, generate())


def seed_events(count: int, pages: SitePages) -> int:
    rng = random.Random(25)
    parent = pages.event_index
    existing = set(parent.get_children().filter(slug__startswith="evenement-").values_list("slug", flat=True))
    types = list(EventType.values)
    today = timezone.localdate()

    def generate():
        for number in range(1, count + 1):
            slug = f"evenement-{number:05d}"
            if slug in existing:
                continue
            region = list(CITIES)[number % len(CITIES)]
            start = dt.datetime.combine(
                today + dt.timedelta(days=rng.randint(-365, 365)), dt.time(rng.choice((9, 10, 14)))
            )
            end = start + dt.timedelta(hours=rng.choice((1, 2, 3, 8)))
            kind = types[number % len(types)]
            yield EventPage(
                title=f"Rencontre {CITIES[region]} n° {number}",
                slug=slug,
                event_type=kind,
                summary=f"Une rencontre entre entreprises membres à {CITIES[region]}.",
                start_date=start.date(),
                start_time=start.time(),
                end_date=end.date(),
                end_time=end.time(),
                city="" if kind == EventType.WEBINAR else CITIES[region],
                country="" if kind == EventType.WEBINAR else "Maroc",
                is_online=kind == EventType.WEBINAR,
                live=True,
                first_published_at=timezone.now(),
                last_published_at=timezone.now(),
            )

    return _add_pages(parent, generate())


def seed_scale(
    scale: int, pages: SitePages, sectors: dict[str, Sector], *, with_images: bool = True, log: Callable = print
) -> None:
    """Add the generated data set; every part is keyed by slug, so re-running adds only what is missing."""
    log(f"  {seed_companies(scale * COMPANIES_PER_SCALE, sectors, with_logos=with_images)} companies added")
    log(f"  {seed_news(scale * NEWS_PER_SCALE, pages)} news articles added")
    log(f"  {seed_events(scale * EVENTS_PER_SCALE, pages)} events added")
