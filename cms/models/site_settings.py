from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from core.i18n import localized
from core.validators import validate_bic, validate_iban, validate_ice, validate_if_number, validate_rc, validate_rib

validate_colour = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as # and six hexadecimal digits, like #0f4c5c.")
)


@register_setting(icon="site")
class AssociationSettings(BaseSiteSetting):
    """Who the association is: shown in the header and footer, on invoices and on bank-transfer instructions."""

    name = models.CharField(_("name"), max_length=200, default="Majlis")
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    tagline_en = models.CharField(_("tagline in English"), max_length=255, blank=True)
    tagline_ar = models.CharField(_("tagline in Arabic"), max_length=255, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The e-mails' colours (header band, buttons, links); empty: the site's own.
    primary_colour = models.CharField(
        _("main colour"), max_length=7, blank=True, validators=[validate_colour], help_text=_("For example #0f4c5c.")
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, blank=True, validators=[validate_colour], help_text=_("For example #e09f3e.")
    )

    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, default="Casablanca")

    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    ice = models.CharField(
        _("ICE"),
        max_length=20,
        blank=True,
        validators=[validate_ice],
        help_text=_("The company's common identifier."),
    )
    rc = models.CharField(
        _("RC"), max_length=40, blank=True, help_text=_("Trade register number."), validators=[validate_rc]
    )
    if_number = models.CharField(
        _("IF"), max_length=40, blank=True, help_text=_("Tax identification number."), validators=[validate_if_number]
    )
    cnss = models.CharField(_("CNSS"), max_length=40, blank=True)

    bank_name = models.CharField(_("bank"), max_length=120, blank=True)
    bank_account_holder = models.CharField(_("account holder"), max_length=200, blank=True)
    rib = models.CharField(_("RIB"), max_length=32, blank=True, validators=[validate_rib], help_text=_("24 digits."))
    iban = models.CharField(_("IBAN"), max_length=42, blank=True, validators=[validate_iban])
    swift_bic = models.CharField(_("SWIFT/BIC"), max_length=11, blank=True, validators=[validate_bic])

    select_related = ["logo"]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("name_en"),
                    FieldPanel("name_ar"),
                    FieldPanel("short_name"),
                    FieldPanel("tagline"),
                    FieldPanel("tagline_en"),
                    FieldPanel("tagline_ar"),
                    FieldPanel("logo"),
                    FieldRowPanel(
                        [FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading=_("E-mail colours")
                    ),
                ],
                heading=_("Identity"),
            ),
            ObjectList(
                [
                    FieldPanel("email"),
                    FieldPanel("phone"),
                    FieldPanel("address"),
                    FieldPanel("city"),
                    MultiFieldPanel(
                        [
                            FieldPanel("linkedin_url"),
                            FieldPanel("x_url"),
                            FieldPanel("facebook_url"),
                            FieldPanel("youtube_url"),
                        ],
                        heading=_("Social networks"),
                    ),
                ],
                heading=_("Contact"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("ice"), FieldPanel("rc")]),
                    FieldRowPanel([FieldPanel("if_number"), FieldPanel("cnss")]),
                    MultiFieldPanel(
                        [
                            FieldPanel("bank_name"),
                            FieldPanel("bank_account_holder"),
                            FieldPanel("rib"),
                            FieldRowPanel([FieldPanel("iban"), FieldPanel("swift_bic")]),
                        ],
                        heading=_("Bank details for transfers"),
                    ),
                ],
                heading=_("Legal and bank"),
            ),
        ]
    )

    class Meta:
        verbose_name = _("association")

    def __str__(self):
        return self.name

    @property
    def localized_name(self) -> str:
        """The association's name in the active language (French if not written): what visitors read."""
        return localized(self, "name")

    @property
    def localized_tagline(self) -> str:
        return localized(self, "tagline")

    @property
    def social_links(self) -> list[tuple[str, str, str]]:
        """(key, label, url) for each network that is filled in."""
        links = [
            ("linkedin", "LinkedIn", self.linkedin_url),
            ("x", "X", self.x_url),
            ("facebook", "Facebook", self.facebook_url),
            ("youtube", "YouTube", self.youtube_url),
        ]
        return [link for link in links if link[2]]

    @property
    def legal_identifiers(self) -> list[tuple[str, str]]:
        pairs = [("ICE", self.ice), ("RC", self.rc), ("IF", self.if_number), ("CNSS", self.cnss)]
        return [pair for pair in pairs if pair[1]]


def in_active_language(url: str) -> str:
    """A path of this site (/members/, /evenements/…) under the active language's prefix (/ar/members/; none for
    French); addresses elsewhere and paths outside the language prefix (the admin, documents) as they are."""
    if not url.startswith("/") or url.startswith("//"):
        return url
    language = translation.get_language() or settings.LANGUAGE_CODE
    path_language = translation.get_language_from_path(urlsplit(url).path) or settings.LANGUAGE_CODE
    if path_language == language:
        return url
    # translate_url resolves the path in the language it is written in (the default one when unprefixed).
    with translation.override(path_language):
        return translate_url(url, language)


class LinkValue(blocks.StructValue):
    @cached_property
    def _localized_page(self):
        # One look-up of the page's version in the active language per link (a value lives for one rendering).
        page = self.get("page")
        return page.localized if page else None

    @property
    def href(self) -> str:
        if self._localized_page:
            return self._localized_page.url or ""
        return in_active_language(self.get("url") or "")

    @property
    def text(self) -> str:
        return self._text_and_language[0]

    @property
    def text_language(self) -> str:
        """The language of `text` when it is not the active language (a French label or title shown for want of a
        translation), for the link's `lang` attribute; empty otherwise."""
        return self._text_and_language[1]

    @cached_property
    def _text_and_language(self) -> tuple[str, str]:
        # The label typed for the active language; else the title of the page's translation into it; else the
        # label typed in the site's language, or the page's title (the source's, for an alias).
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        default = settings.LANGUAGE_CODE[:2]
        if language != default and self.get(f"label_{language}"):
            return self.get(f"label_{language}"), ""
        page, localized = self.get("page"), self._localized_page
        if localized and localized.pk != page.pk and localized.alias_of_id is None:
            return localized.title, ""
        text = self.get("label") or (page.title if page else "")
        if text:
            return text, "" if language == default else default
        return self.get("url") or "", ""


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(
        label=_("or address"), required=False, help_text=_("A full address, or a path such as /members/.")
    )
    label = blocks.CharBlock(label=_("label"), required=False, help_text=_("Leave empty to use the page title."))
    label_en = blocks.CharBlock(
        label=_("label in English"),
        required=False,
        help_text=_("Leave empty to use the English page's title, else the label above."),
    )
    label_ar = blocks.CharBlock(
        label=_("label in Arabic"),
        required=False,
        help_text=_("Leave empty to use the Arabic page's title, else the label above."),
    )

    class Meta:
        icon = "link"
        value_class = LinkValue
        label = _("Link")


class FooterColumnValue(blocks.StructValue):
    @property
    def heading_text(self) -> str:
        return self._heading_and_language()[0]

    @property
    def heading_language(self) -> str:
        """The language of `heading_text` when it is not the active language; empty otherwise."""
        return self._heading_and_language()[1]

    def _heading_and_language(self) -> tuple[str, str]:
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        default = settings.LANGUAGE_CODE[:2]
        if language == default:
            return self.get("heading") or "", ""
        if self.get(f"heading_{language}"):
            return self.get(f"heading_{language}"), ""
        return self.get("heading") or "", default


class FooterColumnBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=80)
    heading_en = blocks.CharBlock(label=_("heading in English"), max_length=80, required=False)
    heading_ar = blocks.CharBlock(label=_("heading in Arabic"), max_length=80, required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("links"))

    class Meta:
        icon = "list-ul"
        value_class = FooterColumnValue
        label = _("Column")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The links of the header menu and of the footer columns."""

    header_links = StreamField([("link", LinkBlock())], verbose_name=_("header menu"), blank=True)
    footer_columns = StreamField([("column", FooterColumnBlock())], verbose_name=_("footer columns"), blank=True)

    panels = [FieldPanel("header_links"), FieldPanel("footer_columns")]

    class Meta:
        verbose_name = _("navigation")
