import uuid
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation, Region, Sector

# How long a post stays on the board unless its author chooses otherwise, and the longest they may choose.
DEFAULT_VALIDITY = timedelta(days=91)
MAX_VALIDITY = timedelta(days=183)


def default_expiry():
    return timezone.localdate() + DEFAULT_VALIDITY


def attachment_upload_to(instance, filename: str) -> str:
    # A random name: members-only documents must not be found by guessing.
    return f"partnerships/attachments/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class PostQuerySet(models.QuerySet):
    def on_board(self, *, today=None):
        """Published, not past their expiry date, by a company whose membership is active."""
        today = today or timezone.localdate()
        return self.filter(
            status=Post.Status.PUBLISHED, expires_on__gte=today, organisation__status=Organisation.Status.ACTIVE
        )

    def public(self):
        return self.filter(visibility=Post.Visibility.PUBLIC)

    def awaiting_review(self):
        return self.filter(status=Post.Status.SUBMITTED)


class Post(models.Model):
    """An offer or a request a member company puts on the board."""

    class Kind(models.TextChoices):
        OFFER = "offer", _("Offer")
        REQUEST = "request", _("Request")

    class Category(models.TextChoices):
        TECHNOLOGY = "technology", _("Technology partnership")
        SUBCONTRACTING = "subcontracting", _("Subcontracting")
        COMMERCIAL = "commercial", _("Commercial / distribution")
        INVESTMENT = "investment", _("Investment / financing")
        RESEARCH = "research", _("R&D and innovation")
        EXPORT = "export", _("Export")
        OTHER = "other", _("Other")

    class Visibility(models.TextChoices):
        MEMBERS = "members", _("Members only")
        PUBLIC = "public", _("Members, and a public teaser without the company's name")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        RETURNED = "returned", _("Sent back for changes")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        EXPIRED = "expired", _("Expired")

    class Outcome(models.TextChoices):
        FOUND_HERE = "found_here", _("Partner found on the board")
        FOUND_ELSEWHERE = "found_elsewhere", _("Partner found elsewhere")
        NO_LONGER_NEEDED = "no_longer_needed", _("No longer needed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="board_posts", verbose_name=_("company")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_posts",
        verbose_name=_("author"),
    )
    kind = models.CharField(_("offer or request"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("title"), max_length=160)
    sectors = models.ManyToManyField(Sector, related_name="board_posts", verbose_name=_("sectors"))
    countries = models.CharField(
        _("target countries"), max_length=200, blank=True, help_text=_("For example: France, Spain, West Africa.")
    )
    description = models.TextField(_("what is offered or sought"))
    partner_profile = models.TextField(_("partner profile wanted"), blank=True)
    attachment = models.FileField(_("attachment"), upload_to=attachment_upload_to, blank=True)
    attachment_name = models.CharField(_("attachment file name"), max_length=255, blank=True)
    language = models.CharField(
        _("language of the post"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    expires_on = models.DateField(_("on the board until"), default=default_expiry)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    review_message = models.TextField(_("message from the secretariat"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    expiry_reminder_sent_at = models.DateTimeField(_("expiry reminder sent"), null=True, blank=True)
    # Normalised words of the title and texts, for the suggestions (partnerships.keywords).
    keywords = models.TextField(_("keywords"), blank=True, editable=False)
    # Filled on PostgreSQL only (partnerships.search), with a GIN index created by migration 0002.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("board post")
        verbose_name_plural = _("board posts")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="partnerships_post_newest"),
            models.Index(fields=["status", "expires_on"], name="partnerships_post_expiring"),
            models.Index(fields=["status", "category", "-published_at"], name="partnerships_post_category"),
            models.Index(fields=["status", "kind", "-published_at"], name="partnerships_post_kind"),
            models.Index(fields=["organisation", "status"], name="partnerships_post_company"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED, self.Status.PUBLISHED)

    @property
    def is_on_board(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.expires_on >= timezone.localdate()
            and self.organisation.status == Organisation.Status.ACTIVE
        )

    @property
    def complementary_kind(self) -> str:
        return self.Kind.REQUEST if self.kind == self.Kind.OFFER else self.Kind.OFFER

    @property
    def region_values(self) -> list[str]:
        return [target.region for target in self.target_regions.all()]

    @property
    def region_names(self) -> str:
        return ", ".join(target.get_region_display() for target in self.target_regions.all())

    @property
    def sector_names(self) -> str:
        return ", ".join(sector.name for sector in self.sectors.all())


class PostRegion(models.Model):
    """A region a post targets; a post without any targets the whole country."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="target_regions", verbose_name=_("post"))
    region = models.CharField(_("region"), max_length=40, choices=Region.choices)

    class Meta:
        verbose_name = _("target region")
        verbose_name_plural = _("target regions")
        ordering = ["region"]
        constraints = [models.UniqueConstraint(fields=["post", "region"], name="partnerships_region_once")]
        indexes = [models.Index(fields=["region", "post"], name="partnerships_region_posts")]

    def __str__(self):
        return self.get_region_display()
