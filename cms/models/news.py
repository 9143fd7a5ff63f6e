from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.page_context import page_context
from core.view_restrictions import RestrictedInEveryLanguage


class NewsCategory(TranslatableMixin, models.Model):
    """A heading news articles are filed under (press release, member news, event report…)."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("cms.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsIndexPage(RestrictedInEveryLanguage, Page):
    """The list of news articles, newest first, filtered by category and tag."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request, *args, **kwargs):
        # The listing (cms.page_context.news_index_context) is added by the construct_page_context hook.
        return page_context(self, request, super().get_context(request, *args, **kwargs))


class NewsPage(RestrictedInEveryLanguage, Page):
    """A news article. Restricted to the Members group, its teaser (title, date, intro) stays public."""

    date = models.DateField(_("publication date"), default=timezone.localdate)
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_pages",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = models.TextField(
        _("introduction"),
        max_length=500,
        help_text=_("One or two sentences shown on lists, in feeds and to visitors of members-only articles."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    author = models.CharField(_("author"), max_length=120, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
                FieldPanel("category"),
                FieldPanel("tags"),
            ],
            heading=_("Filing"),
        ),
        FieldPanel("hero_image"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("category", [index.SearchField("name")]),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [models.Index(fields=["-date"], name="cms_newspage_date_idx")]

    # Set by the serving hook (cms.wagtail_hooks) once it has read the page's view restrictions.
    members_only = False
    _served_restrictions = None

    def get_view_restrictions(self):
        # While serving, Wagtail's own check reuses what the teaser hook read instead of querying again.
        if self._served_restrictions is not None:
            return self._served_restrictions
        return super().get_view_restrictions()

    def get_context(self, request, *args, **kwargs):
        # The language of its content (cms.page_context) is added by the construct_page_context hook.
        context = page_context(self, request, super().get_context(request, *args, **kwargs))
        # Lazy: read only when the template's cached fragment is missing.
        ancestors = SimpleLazyObject(lambda: list(self.get_ancestors().filter(depth__gt=1)))
        context.update(
            members_only=self.members_only,
            tags=SimpleLazyObject(lambda: list(self.tags.all())),
            breadcrumbs=ancestors,
            news_index=SimpleLazyObject(lambda: ancestors[-1] if ancestors else None),
        )
        return context

    def serve_teaser(self, request, *args, **kwargs):
        """The public face of a members-only article: title, date, intro and an invitation to log in or join."""
        context = self.get_context(request, *args, **kwargs)
        context["teaser_only"] = True
        return TemplateResponse(request, self.get_template(request, *args, **kwargs), context)
