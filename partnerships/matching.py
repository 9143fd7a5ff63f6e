"""Suggested matches: the other posts and member companies most relevant to a post (or to a company).

Ranked by complementary kind (offer ↔ request), shared sectors, same category, region and a cheap text similarity
(shared normalised keywords, partnerships.keywords), each explained in one line. A post is suggested only if it
shares a sector or words with the profile: kind, category and region raise the rank but never suffice.

The database first narrows the field to a bounded set of candidates sharing a sector or the category; only those
are scored in Python, so that 20,000 posts cost the same few queries as twenty."""

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from members.models import Organisation, Region, Sector
from partnerships.keywords import keywords_of, similarity, surface_forms
from partnerships.models import Post

CANDIDATE_POSTS = 200
CANDIDATE_COMPANIES = 100
MIN_SCORE = 3.0
KIND_SCORE, SECTOR_SCORE, CATEGORY_SCORE, REGION_SCORE, TEXT_SCORE = 3.0, 2.0, 1.5, 1.0, 6.0


@dataclass
class Profile:
    """What a post or a company looks for, as the scorer needs it."""

    organisation_id: int
    sector_ids: set[int]
    keywords: set[str]
    regions: set[str]  # where it looks for partners; empty means anywhere
    home_region: str = ""
    kind: str = ""  # a company's profile has no kind nor category
    category: str = ""


@dataclass
class Suggestion:
    """A suggested post or company, with the facts behind its score; the one-line explanation is written only
    for the suggestions shown (translating reasons for every candidate would cost more than scoring them)."""

    score: float
    post: Post | None = None
    organisation: Organisation | None = None
    sectors: list[Sector] = field(default_factory=list)
    kinds: tuple[str, str] | None = None  # (the profile's kind, the other's) when complementary
    category: str = ""
    region: str = ""
    home_region: str = ""  # a suggested company based in a region the profile targets
    complementary_posts: str = ""  # a suggested company with posts of the complementary kind
    words: list[str] = field(default_factory=list)
    texts: tuple[str, ...] = ()

    @property
    def reasons(self) -> list[str]:
        reasons = []
        if self.sectors:
            names = ", ".join(sector.name_for().lower() for sector in self.sectors)
            reasons.append(_("same sector: %(sectors)s") % {"sectors": names})
        if self.kinds:
            reasons.append(" ↔ ".join(str(Post.Kind(kind).label).lower() for kind in self.kinds))
        if self.complementary_posts:
            label = str(Post.Kind(self.complementary_posts).label).lower()
            reasons.append(_("has %(kind)s posts on the board") % {"kind": label})
        if self.category:
            label = str(Post.Category(self.category).label).lower()
            reasons.append(_("same category: %(category)s") % {"category": label})
        if self.region:
            reasons.append(_("region: %(region)s") % {"region": _region_name(self.region)})
        if self.home_region:
            reasons.append(_("based in %(region)s") % {"region": _region_name(self.home_region)})
        if self.words:
            reasons.append(_("similar words: %(words)s") % {"words": ", ".join(surface_forms(self.words, *self.texts))})
        return reasons

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)


@dataclass
class Suggestions:
    posts: list[Suggestion] = field(default_factory=list)
    companies: list[Suggestion] = field(default_factory=list)


def profile_of_post(post: Post) -> Profile:
    return Profile(
        organisation_id=post.organisation_id,
        sector_ids={sector.pk for sector in post.sectors.all()},
        keywords=set(post.keywords.split()),
        regions=set(post.region_values),
        home_region=post.organisation.region,
        kind=post.kind,
        category=post.category,
    )


def profile_of_company(organisation: Organisation, posts=()) -> Profile:
    """A company's profile: its sectors and description, enriched with its posts on the board if it has any."""
    profile = Profile(
        organisation_id=organisation.pk,
        sector_ids={sector.pk for sector in organisation.sectors.all()},
        keywords=keywords_of(organisation.description, organisation.description_en),
        regions=set(),
        home_region=organisation.region,
    )
    kinds = set()
    for post in posts:
        profile.sector_ids |= {sector.pk for sector in post.sectors.all()}
        profile.keywords |= set(post.keywords.split())
        profile.regions |= set(post.region_values)
        kinds.add(post.kind)
    if len(kinds) == 1:
        profile.kind = kinds.pop()
    return profile


def _complementary(kind: str) -> str:
    return Post.Kind.REQUEST if kind == Post.Kind.OFFER else Post.Kind.OFFER


def _region_name(value: str) -> str:
    return str(Region(value).label) if value in Region.values else value


def _text_score(profile: Profile, words: set[str], suggestion: Suggestion) -> float:
    """The text similarity's share of the score: nothing below two words in common."""
    common = profile.keywords & words
    if len(common) < 2:
        return 0.0
    suggestion.words = sorted(common)[:4]
    return TEXT_SCORE * similarity(profile.keywords, words)


def _score_post(profile: Profile, other: Post) -> Suggestion:
    suggestion = Suggestion(score=0.0, post=other, texts=(other.title, other.description))
    score = 0.0
    suggestion.sectors = [sector for sector in other.sectors.all() if sector.pk in profile.sector_ids]
    score += SECTOR_SCORE * min(len(suggestion.sectors), 3)
    if profile.kind and other.kind != profile.kind:
        score += KIND_SCORE
        suggestion.kinds = (profile.kind, other.kind)
    if profile.category and other.category == profile.category:
        score += CATEGORY_SCORE
        suggestion.category = other.category
    other_regions = {target.region for target in other.target_regions.all()}
    common = (profile.regions & other_regions) or (
        {other.organisation.region} & profile.regions
        or ({profile.home_region} & other_regions if profile.home_region else set())
    )
    if common:
        score += REGION_SCORE
        suggestion.region = sorted(common)[0]
    text_score = _text_score(profile, set(other.keywords.split()), suggestion)
    # Kind, category and region raise the rank of a post that shares a sector or words; alone they never suffice.
    suggestion.score = score + text_score if suggestion.sectors or text_score else 0.0
    return suggestion


def suggested_posts(profile: Profile, *, limit: int = 5, exclude_ids=()) -> list[Suggestion]:
    """Other companies' posts on the board that share a sector or the category, best first."""
    if not profile.sector_ids and not profile.category:
        return []
    through = Post.sectors.through.objects.filter(post_id=OuterRef("pk"), sector_id__in=profile.sector_ids)
    related = Q(Exists(through))
    if profile.category:
        related |= Q(category=profile.category)
    related_posts = (
        Post.objects.on_board()
        .exclude(organisation_id=profile.organisation_id)
        .exclude(pk__in=list(exclude_ids))
        .filter(related)
        .defer("search_vector", "partner_profile")
        .select_related("organisation")
        .order_by("-published_at", "-pk")
    )
    # Complementary posts first, newest first: each query walks an index (status, kind, -published_at) and stops
    # at the limit, instead of sorting every related post.
    if profile.kind:
        complementary = _complementary(profile.kind)
        candidates = list(related_posts.filter(kind=complementary)[:CANDIDATE_POSTS])
        if len(candidates) < CANDIDATE_POSTS:
            candidates += related_posts.exclude(kind=complementary)[: CANDIDATE_POSTS - len(candidates)]
    else:
        candidates = list(related_posts[:CANDIDATE_POSTS])
    prefetch_related_objects(
        candidates, Prefetch("sectors", queryset=Sector.objects.order_by("name")), "target_regions"
    )
    scored = [_score_post(profile, other) for other in candidates]
    scored = [suggestion for suggestion in scored if suggestion.score >= MIN_SCORE]
    scored.sort(key=lambda s: (-s.score, -s.post.published_at.timestamp() if s.post.published_at else 0))
    return scored[:limit]


def suggested_companies(profile: Profile, *, limit: int = 5) -> list[Suggestion]:
    """Member companies of the directory working in the profile's sectors, best first."""
    if not profile.sector_ids:
        return []
    through = Organisation.sectors.through.objects.filter(
        organisation_id=OuterRef("pk"), sector_id__in=profile.sector_ids
    )
    shared = through.order_by().values("organisation_id").annotate(n=Count("pk")).values("n")
    regions = profile.regions or ({profile.home_region} if profile.home_region else set())
    candidates = list(
        Organisation.objects.in_directory()
        .exclude(pk=profile.organisation_id)
        .filter(Exists(through))
        .annotate(
            shared=Coalesce(Subquery(shared), Value(0), output_field=IntegerField()),
            in_region=Case(When(region__in=regions, then=1), default=0, output_field=IntegerField()),
        )
        .order_by("-shared", "-in_region", "legal_name")
        .prefetch_related(Prefetch("sectors", queryset=Sector.objects.order_by("name")))[:CANDIDATE_COMPANIES]
    )
    complementary_posts = {}
    if profile.kind:
        complementary_posts = dict(
            Post.objects.on_board()
            .filter(organisation__in=candidates, kind=_complementary(profile.kind))
            .order_by()
            .values_list("organisation")
            .annotate(n=Count("pk"))
        )
    scored = []
    for company in candidates:
        suggestion = Suggestion(score=0.0, organisation=company, texts=(company.description, company.description_en))
        suggestion.sectors = [sector for sector in company.sectors.all() if sector.pk in profile.sector_ids]
        score = SECTOR_SCORE * min(len(suggestion.sectors), 3)
        if complementary_posts.get(company.pk):
            score += KIND_SCORE
            suggestion.complementary_posts = _complementary(profile.kind)
        if company.in_region:
            score += REGION_SCORE
            suggestion.home_region = company.region
        score += _text_score(profile, keywords_of(company.description, company.description_en), suggestion)
        suggestion.score = score
        if score >= MIN_SCORE - 1:
            scored.append(suggestion)
    scored.sort(key=lambda s: (-s.score, s.organisation.legal_name))
    return scored[:limit]


def suggestions_for_post(post: Post, *, limit: int = 5) -> Suggestions:
    profile = profile_of_post(post)
    return Suggestions(posts=suggested_posts(profile, limit=limit), companies=suggested_companies(profile, limit=limit))


def suggestions_for_company(organisation: Organisation, *, limit: int = 3) -> Suggestions:
    """My space: what fits the company, from its latest posts on the board and its own profile."""
    posts = list(
        Post.objects.on_board()
        .filter(organisation=organisation)
        .order_by("-published_at")
        .prefetch_related("sectors", "target_regions")[:3]
    )
    profile = profile_of_company(organisation, posts)
    return Suggestions(posts=suggested_posts(profile, limit=limit), companies=suggested_companies(profile, limit=limit))
