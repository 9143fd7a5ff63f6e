from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.page_context import page_context
from core.view_restrictions import RestrictedInEveryLanguage


class HomePage(RestrictedInEveryLanguage, Page):
    """The front page of one language: hero, next events, latest news, featured members, a call to join."""

    hero_title = models.CharField(
        _("hero title"), max_length=160, blank=True, help_text=_("Leave empty to use the page title.")
    )
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("button label"), max_length=60, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_url = models.URLField(_("or button address"), blank=True)
    join_title = models.CharField(_("call to join: title"), max_length=160, blank=True)
    join_text = models.TextField(_("call to join: text"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("more content"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                PageChooserPanel("hero_cta_page"),
                FieldPanel("hero_cta_url"),
            ],
            heading=_("Hero"),
        ),
        MultiFieldPanel([FieldPanel("join_title"), FieldPanel("join_text")], heading=_("Call to join")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.StandardPage", "cms.NewsIndexPage", "events.EventIndexPage"]

    class Meta:
        verbose_name = _("home page")

    @property
    def hero_cta_href(self) -> str:
        if self.hero_cta_page_id:
            return self.hero_cta_page.localized.url
        return self.hero_cta_url

    def get_context(self, request, *args, **kwargs):
        # The sections (cms.page_context.home_page_context) are added by the construct_page_context hook.
        return page_context(self, request, super().get_context(request, *args, **kwargs))


class StandardPage(RestrictedInEveryLanguage, Page):
    """A page of text: about us, the board, the statutes, how to join…"""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        # The language of its content (cms.page_context) is added by the construct_page_context hook.
        return page_context(self, request, super().get_context(request, *args, **kwargs))
