import datetime as dt
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.page_context import page_context
from core.time import month_bounds
from core.view_restrictions import RestrictedInEveryLanguage, RestrictedInEveryLanguageQuerySet
from events.time_zones import HOME_TIME_ZONE, NonExistentLocalTime, is_time_zone, local_to_aware, time_zone_choices


class EventType(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    SIDE_MEETING = "side_meeting", _("Side meeting")
    FORUM = "forum", _("Forum")
    WORKSHOP = "workshop", _("Workshop")
    WEBINAR = "webinar", _("Webinar")
    NETWORKING = "networking", _("Networking")


class EventIndexPage(RestrictedInEveryLanguage, Page):
    """The events calendar: upcoming and past events below it, filtered by type and month."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index page")

    def get_context(self, request, *args, **kwargs):
        # The listing (events.page_context.event_index_context) is added by the construct_page_context hook.
        return page_context(self, request, super().get_context(request, *args, **kwargs))


class EventPageQuerySet(RestrictedInEveryLanguageQuerySet):
    def upcoming(self, *, now: dt.datetime | None = None):
        """Events not yet over (an event in progress is still upcoming), soonest first."""
        return self.filter(end__gt=now or timezone.now()).order_by("start", "pk")

    def past(self, *, now: dt.datetime | None = None):
        """Events that are over, most recent first."""
        return self.filter(end__lte=now or timezone.now()).order_by("-start", "-pk")

    def in_month(self, year: int, month: int):
        """Events taking place, even partly, during that calendar month in the site's time zone."""
        first, following = month_bounds(year, month)
        return self.filter(start__lt=following, end__gt=first)


class EventPage(RestrictedInEveryLanguage, Page):
    """One event. Its dates are typed as wall-clock times of the event's own time zone.

    The local date and time fields are the truth; `start` and `end` (aware, stored in UTC) are derived from them
    on every save, for sorting and filtering. Keeping the wall time means a correction of the time zone
    database (Morocco's Ramadan dates are set each year) only needs the events re-saved, not re-typed.
    """

    event_type = models.CharField(_("type"), max_length=20, choices=EventType.choices, default=EventType.CONFERENCE)
    summary = models.TextField(_("summary"), max_length=400, help_text=_("One or two sentences shown on cards."))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = StreamField(BaseStreamBlock(), verbose_name=_("description"), blank=True)

    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"))
    end_date = models.DateField(_("end date"))
    end_time = models.TimeField(_("end time"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=time_zone_choices,
        default=HOME_TIME_ZONE,
        help_text=_("Dates and times above are read in this time zone: the one where the event takes place."),
    )
    start = models.DateTimeField(_("starts at"), editable=False, blank=True, db_index=True)
    end = models.DateTimeField(_("ends at"), editable=False, blank=True, db_index=True)

    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    map_url = models.URLField(
        _("map link"),
        blank=True,
        help_text=_("Leave empty to link to an OpenStreetMap search for the address."),
    )
    is_online = models.BooleanField(_("online"), default=False, help_text=_("Held online, or also online."))
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Meeting or streaming link. Only staff see it on the site; participants receive it."),
    )
    members_only = models.BooleanField(
        _("members only"),
        default=False,
        help_text=_("Registration is reserved to active members. The page itself stays public."),
    )

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("event_type"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("description"),
        FieldPanel("members_only"),
    ]
    when_where_panels = [
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading=_("Dates, in the event's local time"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("map_url"),
            ],
            heading=_("Venue"),
        ),
        MultiFieldPanel([FieldPanel("is_online"), FieldPanel("online_url")], heading=_("Online")),
    ]
    programme_panels = [
        InlinePanel("event_speakers", heading=_("Speakers"), label=_("Speaker")),
        HelpPanel(_("Session times are local times of the event's time zone.")),
        InlinePanel("sessions", heading=_("Programme"), label=_("Session")),
    ]
    partner_panels = [InlinePanel("partners", heading=_("Partners and sponsors"), label=_("Partner"))]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(when_where_panels, heading=_("When and where")),
            ObjectList(programme_panels, heading=_("Programme")),
            ObjectList(partner_panels, heading=_("Partners")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("venue_name"),
        index.SearchField("city"),
        index.FilterField("event_type"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    parent_page_types = ["events.EventIndexPage", "events.EventPage"]
    # Side meetings of a trade fair, or sessions of a forum, are events of their own under it.
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("event page")

    def clean(self):
        super().clean()
        skipped = _("This time does not exist in %(zone)s: the clocks move forward over it.")
        errors, instants = {}, {}
        for bound in ("start", "end"):
            try:
                instants[bound] = self._aware(f"{bound}_date", f"{bound}_time", strict=True)
            except NonExistentLocalTime:
                errors[f"{bound}_time"] = ValidationError(skipped, params={"zone": self.time_zone})
        if not errors and instants["start"] and instants["end"] and instants["end"] <= instants["start"]:
            errors["end_time"] = ValidationError(_("The event must end after it starts."))
        if errors:
            raise ValidationError(errors)
        self._set_instants()

    def save(self, *args, **kwargs):
        # Drafts skip full_clean(), so the instants are derived here too.
        self._set_instants()
        return super().save(*args, **kwargs)

    def _aware(self, date_field: str, time_field: str, *, strict: bool) -> dt.datetime | None:
        day, time = getattr(self, date_field), getattr(self, time_field)
        if day is None or time is None or not is_time_zone(self.time_zone):
            return None
        return local_to_aware(day, time, self.time_zone, strict=strict)

    def _set_instants(self) -> None:
        start = self._aware("start_date", "start_time", strict=False)
        end = self._aware("end_date", "end_time", strict=False)
        if start is not None:
            self.start = start
        if end is not None:
            self.end = end

    @property
    def local_start(self) -> dt.datetime:
        """Start as the wall clock of the event's time zone shows it (naive, so templates don't convert it)."""
        return dt.datetime.combine(self.start_date, self.start_time)

    @property
    def local_end(self) -> dt.datetime:
        return dt.datetime.combine(self.end_date, self.end_time)

    def wall_clock_in(self, zone_name: str) -> tuple[dt.datetime, dt.datetime]:
        """Start and end as clocks in another zone show them (naive), e.g. Casablanca time of a Paris event."""
        zone = ZoneInfo(zone_name)
        return (
            self.start.astimezone(zone).replace(tzinfo=None),
            self.end.astimezone(zone).replace(tzinfo=None),
        )

    @property
    def is_in_home_time_zone(self) -> bool:
        return self.time_zone == HOME_TIME_ZONE

    @property
    def is_past(self) -> bool:
        return self.end is not None and self.end <= timezone.now()

    @property
    def location_label(self) -> str:
        """Where, in a few words, for cards: the city, and/or "Online"."""
        parts = [self.city] if self.city else []
        if self.is_online:
            parts.append(str(_("Online")))
        return " · ".join(parts)

    @property
    def map_link(self) -> str:
        if self.map_url:
            return self.map_url
        query = ", ".join(part for part in (self.venue_name, self.address, self.city, self.country) if part)
        if not (self.address or self.venue_name):
            return ""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})

    @cached_property
    def parent_event(self) -> "EventPage | None":
        """The larger event this one is part of, if any (set in bulk by the listing selectors)."""
        parent = self.get_parent()
        return parent.specific if parent and parent.specific_class is EventPage else None

    def get_context(self, request, *args, **kwargs):
        # The page's details (events.page_context.event_page_context) are added by the construct_page_context hook.
        context = page_context(self, request, super().get_context(request, *args, **kwargs))
        if not self.is_in_home_time_zone and self.start and self.end:
            context["home_time_zone"] = HOME_TIME_ZONE
            context["home_start"], context["home_end"] = self.wall_clock_in(HOME_TIME_ZONE)
        return context


class EventSpeaker(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="event_speakers")
    speaker = models.ForeignKey("events.Speaker", verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("speaker")]

    class Meta(Orderable.Meta):
        verbose_name = _("event speaker")
        verbose_name_plural = _("event speakers")


class EventSession(Orderable, ClusterableModel):
    """A slot of the programme, in the event's local time."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=255)
    room = models.CharField(_("room"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    speakers = ParentalManyToManyField("events.Speaker", verbose_name=_("speakers"), blank=True, related_name="+")

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("title"),
        FieldPanel("room"),
        FieldPanel("description"),
        FieldPanel("speakers"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The session must end after it starts.")})


class PartnerLevel(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    PARTNER = "partner", _("Partner")
    SPONSOR = "sponsor", _("Sponsor")
    MEDIA = "media", _("Media partner")


class EventPartner(Orderable):
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=200)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("website"), blank=True)
    level = models.CharField(_("level"), max_length=20, choices=PartnerLevel.choices, default=PartnerLevel.PARTNER)

    panels = [FieldPanel("name"), FieldPanel("level"), FieldPanel("logo"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name
