"""B2B meetings at an event: the brokerage session the secretariat turns on, each participant's meeting profile,
and the meeting requests between participants (an accepted request, once placed, holds a slot and a table)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.time import HOME_TIME_ZONE
from core.wall_clock import WallClockField, WallClockMixin
from partnerships.meetings.scheduling import Slot, build_slots


def parse_breaks(value) -> list[tuple[dt.time, dt.time]]:
    """Breaks as stored (a list of ["HH:MM", "HH:MM"]) to pairs of times; ValueError if malformed."""
    if not isinstance(value, list):
        raise ValueError
    pairs = []
    for item in value:
        if not isinstance(item, list | tuple) or len(item) != 2:
            raise ValueError
        start, end = (dt.time.fromisoformat(str(part)) for part in item)
        if start >= end:
            raise ValueError
        pairs.append((start, end))
    return pairs


def _break_problems(breaks, day_start: dt.time, day_end: dt.time) -> list[str]:
    """What is wrong with the breaks of a day of meetings from `day_start` to `day_end`: one outside those hours,
    two that overlap. Each message names the break by its times."""
    problems, latest = [], None
    for start, end in sorted(breaks):
        if start < day_start or end > day_end:
            problems.append(
                _("The break %(start)s–%(end)s is outside the meetings' hours (%(day_start)s–%(day_end)s).")
                % {
                    "start": f"{start:%H:%M}",
                    "end": f"{end:%H:%M}",
                    "day_start": f"{day_start:%H:%M}",
                    "day_end": f"{day_end:%H:%M}",
                }
            )
        if latest and start < latest[1]:
            problems.append(
                _("The breaks %(first)s and %(second)s overlap.")
                % {"first": f"{latest[0]:%H:%M}–{latest[1]:%H:%M}", "second": f"{start:%H:%M}–{end:%H:%M}"}
            )
        if latest is None or end > latest[1]:
            latest = (start, end)
    return problems


class BrokerageSession(WallClockMixin):
    """The B2B meetings of one event: on its days, slots of a fixed length between the day's hours, breaks aside."""

    wagtail_reference_index_ignore = True

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, related_name="brokerage_session", verbose_name=_("event")
    )
    is_open = models.BooleanField(
        _("open to participants"), default=True, help_text=_("Registered attendees may opt in and send requests.")
    )
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=20)
    day_start = models.TimeField(_("meetings start at"), default=dt.time(9, 30))
    day_end = models.TimeField(_("meetings end at"), default=dt.time(17, 0))
    breaks = models.JSONField(
        _("breaks"),
        default=list,
        blank=True,
        help_text=_(
            "Each day, in the event's time zone, within the meetings' hours. Empty the times to remove a break."
        ),
    )
    tables = models.PositiveSmallIntegerField(_("number of tables"), default=10)
    cap = models.PositiveSmallIntegerField(_("meetings per participant at most"), default=8)
    request_deadline_local = WallClockField(
        _("request deadline"), help_text=_("In the event's local time. Requests not answered by then expire.")
    )
    request_deadline = models.DateTimeField(_("request deadline (instant)"), editable=False)

    wall_clocks = {"request_deadline": "request_deadline_local"}

    class Meta:
        verbose_name = _("brokerage session")
        verbose_name_plural = _("brokerage sessions")

    def __str__(self):
        return str(self.event)

    def wall_clock_zone(self) -> str:
        return self.event.time_zone if self.event_id else HOME_TIME_ZONE

    def clean(self):
        super().clean()
        errors = {}
        try:
            breaks = parse_breaks(self.breaks)
        except ValueError:
            errors["breaks"] = _("Each break needs a start and an end time, the end after the start.")
            breaks = []
        if self.day_start and self.day_end and self.day_start >= self.day_end:
            errors["day_end"] = _("The meetings must end after they start.")
        elif self.day_start and self.day_end:
            problems = _break_problems(breaks, self.day_start, self.day_end)
            if problems:
                errors["breaks"] = problems
        if self.slot_minutes is not None and self.slot_minutes < 5:
            errors["slot_minutes"] = _("A slot lasts at least 5 minutes.")
        if self.tables is not None and self.tables < 1:
            errors["tables"] = _("At least one table is needed.")
        if errors:
            raise ValidationError(errors)

    @property
    def days(self) -> list[dt.date]:
        event = self.event
        return [
            event.start_date + dt.timedelta(days=offset)
            for offset in range((event.end_date - event.start_date).days + 1)
        ]

    @cached_property
    def slots(self) -> list[Slot]:
        return build_slots(
            days=self.days,
            day_start=self.day_start,
            day_end=self.day_end,
            minutes=self.slot_minutes,
            breaks=parse_breaks(self.breaks),
            time_zone=self.event.time_zone,
        )

    def slot_at(self, start: dt.datetime) -> Slot | None:
        return next((slot for slot in self.slots if slot.start == start), None)

    def accepts_requests(self, now: dt.datetime | None = None) -> bool:
        return self.is_open and (now or timezone.now()) < self.request_deadline


class MeetingProfile(models.Model):
    """A registered attendee who opted in to B2B meetings, shown to the others with their company's profile."""

    wagtail_reference_index_ignore = True

    session = models.ForeignKey(
        BrokerageSession, on_delete=models.CASCADE, related_name="profiles", verbose_name=_("brokerage session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_profiles", verbose_name=_("person")
    )
    registration = models.ForeignKey(
        "events.Registration", on_delete=models.CASCADE, related_name="+", verbose_name=_("registration")
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_profiles",
        verbose_name=_("company"),
    )
    name = models.CharField(_("name"), max_length=200)
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    description = models.TextField(_("what we do and look for"), blank=True)
    created_at = models.DateTimeField(_("opted in"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting profile")
        verbose_name_plural = _("meeting profiles")
        ordering = ["company_name", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="partnerships_one_meeting_profile_per_person")
        ]

    def __str__(self):
        return f"{self.name} ({self.company_name})" if self.company_name else self.name


class MeetingRequestQuerySet(models.QuerySet):
    def involving(self, profile):
        return self.filter(models.Q(requester=profile) | models.Q(recipient=profile))

    def scheduled(self):
        return self.filter(status=MeetingRequest.Status.ACCEPTED, starts_at__isnull=False)


class MeetingRequest(WallClockMixin):
    """One participant asks another for a meeting; accepted, it is placed on a slot and a table. The slot is kept
    as the wall-clock times of the event's zone too, so that its instants follow a change of the zone data."""

    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    session = models.ForeignKey(
        BrokerageSession, on_delete=models.CASCADE, related_name="requests", verbose_name=_("brokerage session")
    )
    requester = models.ForeignKey(
        MeetingProfile, on_delete=models.CASCADE, related_name="sent_requests", verbose_name=_("from")
    )
    recipient = models.ForeignKey(
        MeetingProfile, on_delete=models.CASCADE, related_name="received_requests", verbose_name=_("to")
    )
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    starts_local = WallClockField(_("starts at (local time)"), null=True, blank=True, editable=False)
    ends_local = WallClockField(_("ends at (local time)"), null=True, blank=True, editable=False)
    table = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    # iCalendar SEQUENCE of the meeting in personal feeds: bumped whenever its time changes after placement.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = MeetingRequestQuerySet.as_manager()
    wall_clocks = {"starts_at": "starts_local", "ends_at": "ends_local"}

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "table", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "starts_at", "table"],
                condition=models.Q(starts_at__isnull=False),
                name="partnerships_one_meeting_per_table_and_slot",
                violation_error_message=_("This table is already taken at that time."),
            ),
            models.CheckConstraint(
                condition=~models.Q(requester=models.F("recipient")), name="partnerships_meeting_not_with_oneself"
            ),
        ]

    def __str__(self):
        return f"{self.requester} → {self.recipient}"

    def wall_clock_zone(self) -> str:
        return self.session.event.time_zone

    @property
    def is_scheduled(self) -> bool:
        return self.starts_at is not None

    def shown_status(self, now: dt.datetime | None = None) -> str:
        """Pending requests past the deadline are expired, even before the nightly task marks them."""
        if self.status == self.Status.PENDING and (now or timezone.now()) >= self.session.request_deadline:
            return self.Status.EXPIRED
        return self.status

    @property
    def status_label(self) -> str:
        return str(self.Status(self.shown_status()).label)

    def other(self, profile: MeetingProfile) -> MeetingProfile:
        return self.recipient if profile.pk == self.requester_id else self.requester
