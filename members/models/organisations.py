from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import localized
from core.validators import validate_country_code, validate_ice, validate_if_number, validate_rc


class Region(models.TextChoices):
    """Morocco's twelve regions (2015 division); companies abroad use FOREIGN with their country."""

    TANGER_TETOUAN_AL_HOCEIMA = "tanger-tetouan-al-hoceima", _("Tangier-Tetouan-Al Hoceima")
    ORIENTAL = "oriental", _("Oriental")
    FES_MEKNES = "fes-meknes", _("Fez-Meknes")
    RABAT_SALE_KENITRA = "rabat-sale-kenitra", _("Rabat-Sale-Kenitra")
    BENI_MELLAL_KHENIFRA = "beni-mellal-khenifra", _("Beni Mellal-Khenifra")
    CASABLANCA_SETTAT = "casablanca-settat", _("Casablanca-Settat")
    MARRAKECH_SAFI = "marrakech-safi", _("Marrakesh-Safi")
    DRAA_TAFILALET = "draa-tafilalet", _("Draa-Tafilalet")
    SOUSS_MASSA = "souss-massa", _("Souss-Massa")
    GUELMIM_OUED_NOUN = "guelmim-oued-noun", _("Guelmim-Oued Noun")
    LAAYOUNE_SAKIA_EL_HAMRA = "laayoune-sakia-el-hamra", _("Laayoune-Sakia El Hamra")
    DAKHLA_OUED_ED_DAHAB = "dakhla-oued-ed-dahab", _("Dakhla-Oued Ed-Dahab")
    FOREIGN = "foreign", _("Outside Morocco")


class SizeBand(models.TextChoices):
    MICRO = "micro", _("1–9 employees (TPE)")
    SMALL = "small", _("10–49 employees")
    MEDIUM = "medium", _("50–249 employees")
    LARGE = "large", _("250 employees or more")


class Sector(models.Model):
    """A field of activity, as the clusters define them; the secretariat edits the list."""

    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def name_for(self, language_code: str | None = None) -> str:
        """The name in the given (or current) language, falling back to French."""
        return localized(self, "name", language_code)


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Organisation.Status.ACTIVE)

    def in_directory(self):
        """Member companies the public may see: active membership and opted in."""
        return self.active().filter(directory_opt_in=True)


class Organisation(models.Model):
    """A member company (or cluster) of the association."""

    # What the company describes itself with, in the order of its profile form: what its administrators edit,
    # what an application fills in and what the data export gives. ("sectors" is the many-to-many field.)
    PROFILE_FIELDS = (
        "legal_name",
        "trade_name",
        "legal_form",
        "ice",
        "rc",
        "if_number",
        "sectors",
        "size_band",
        "city",
        "region",
        "country",
        "website",
        "description",
        "description_en",
        "description_ar",
        "contact_email",
        "phone",
        "directory_opt_in",
    )

    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Application pending")
        # Accepted by the secretariat; becomes an active member when its first dues are paid.
        APPROVED = "approved", _("Approved, first dues unpaid")
        ACTIVE = "active", _("Active member")
        LAPSED = "lapsed", _("Lapsed")
        REJECTED = "rejected", _("Application rejected")

    legal_name = models.CharField(_("legal name"), max_length=200)
    trade_name = models.CharField(_("trade name"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    legal_form = models.CharField(_("legal form"), max_length=60, blank=True)
    ice = models.CharField(
        _("ICE"),
        max_length=15,
        blank=True,
        validators=[validate_ice],
        help_text=_("The company's common identifier: 15 digits."),
    )
    rc = models.CharField(
        _("RC"), max_length=40, blank=True, help_text=_("Trade register number."), validators=[validate_rc]
    )
    if_number = models.CharField(
        _("IF"), max_length=40, blank=True, help_text=_("Tax identification number."), validators=[validate_if_number]
    )
    sectors = models.ManyToManyField(Sector, related_name="organisations", blank=True, verbose_name=_("sectors"))
    size_band = models.CharField(_("size"), max_length=20, choices=SizeBand.choices, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    region = models.CharField(_("region"), max_length=40, choices=Region.choices, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        default="MA",
        validators=[validate_country_code],
        help_text=_("Two-letter code: MA for Morocco, FR for France…"),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLICANT)
    directory_opt_in = models.BooleanField(_("listed in the member directory"), default=True)
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["legal_name"]
        indexes = [
            models.Index(fields=["status", "directory_opt_in", "legal_name"]),
            # The directory filters by region and size among listed companies (10,000 in the bench data set).
            models.Index(fields=["status", "directory_opt_in", "region", "legal_name"], name="members_org_dir_region"),
            models.Index(fields=["status", "directory_opt_in", "size_band", "legal_name"], name="members_org_dir_size"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["ice"],
                condition=~models.Q(ice=""),
                name="members_organisation_unique_ice",
                violation_error_message=_("Another organisation already has this ICE."),
            ),
        ]

    def __str__(self):
        return self.display_name

    def _display_name(self) -> str:
        return self.trade_name or self.legal_name

    _display_name.short_description = _("name")  # the column heading of admin listings
    display_name = property(_display_name)

    @property
    def sector_names(self) -> str:
        return ", ".join(sector.name for sector in self.sectors.all())

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE

    def clean(self):
        super().clean()
        if self.country:
            self.country = self.country.upper()
        if self.region == Region.FOREIGN and self.country == "MA":
            raise ValidationError({"country": _("A company outside Morocco needs its country.")})
        if self.region and self.region != Region.FOREIGN and self.country != "MA":
            raise ValidationError(
                {"region": _("Moroccan regions are for companies in Morocco; choose “Outside Morocco”.")}
            )

    def description_for(self, language_code: str | None = None) -> str:
        """The description in the given (or current) language, falling back to French."""
        return localized(self, "description", language_code)
