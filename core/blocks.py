"""StreamField blocks shared by every page type (cms pages, news, events)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from core.mail import link_in_language

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul", "hr", "blockquote"]


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"
        label = _("Text")
        description = _("Paragraphs, headings, lists and links.")
        preview_value = (
            "<h2>Digital companies, together</h2><p>The association brings together the companies of the "
            "Moroccan digital sector, from start-ups at the Technopark to the largest integrators.</p>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Leave empty to use the image's title."),
    )

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        description = _("An image across the text column, with an optional caption.")

    def get_preview_value(self):
        from wagtail.images import get_image_model

        return {"image": get_image_model().objects.order_by("-created_at").first(), "caption": "Digital Now 2025"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)
    role = blocks.CharBlock(label=_("role or company"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        label = _("Quote")
        description = _("A quotation, with who said it.")
        preview_value = {
            "quote": "Together we speak louder: one voice for the companies of the digital sector.",
            "attribution": "Amina Berrada",
            "role": "President",
        }


class CallToActionValue(blocks.StructValue):
    @property
    def href(self) -> str:
        """The chosen page in the reader's language, or the address; an address of this site's own views (the
        membership form…) under the reader's language prefix, so that /ar/ readers stay in Arabic."""
        page = self.get("page")
        if page:
            return page.localized.url or ""
        return link_in_language(self.get("url") or "", translation.get_language() or settings.LANGUAGE_CODE)


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"
        label = _("Call to action")
        value_class = CallToActionValue
        description = _("A highlighted box with a title, a sentence and a button to a page or an address.")
        preview_value = {
            "title": "Join the association",
            "text": "Meet the companies of the sector and take part in our events and working groups.",
            "button_label": "Become a member",
            "url": "https://example.org/",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter an address."))}
            )
        return value


class EmbedMediaBlock(EmbedBlock):
    class Meta:
        icon = "media"
        template = "blocks/embed.html"
        label = _("Video or media")
        description = _("A video or other media from YouTube, Vimeo and similar sites, by its address.")
        preview_value = "https://www.youtube.com/watch?v=jNQXAC9IVRw"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link.html"
        label = _("Document")
        description = _("A link to download a document (PDF, spreadsheet…), with its type and size.")

    def get_preview_value(self):
        from wagtail.documents import get_document_model

        return {"document": get_document_model().objects.order_by("-created_at").first(), "title": "Annual report"}


class FiguresTableBlock(TableBlock):
    class Meta:
        icon = "table"
        template = "blocks/table.html"
        label = _("Table")
        description = _("A table of figures, with an optional header row and caption.")
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Members by region",
            "data": [["Region", "Members"], ["Casablanca-Settat", "182"], ["Rabat-Salé-Kénitra", "64"]],
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The body of standard pages and news articles."""

    paragraph = RichTextBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    embed = EmbedMediaBlock()
    document = DocumentLinkBlock()
    table = FiguresTableBlock()
