"""Wall-clock times: what an organiser typed ("sales end on 30 November at 18:00, Casablanca time"), kept next to the
instant it gives under the zone data in use.

A deadline is announced as a local time, not as an instant in UTC; when the law (and the tz data) change, the
instant must follow the typed time. A model that has such deadlines lists them in `wall_clocks` (instant field →
wall-clock field) and says in which zone they are typed (`wall_clock_zone()`); `sync_wall_clocks()`, run on every
save, derives the instant from the wall-clock time, or the wall-clock time from the instant when only the instant
was set (code and fixtures that set instants keep working). Queries keep using the instants.

When the zone data change, `wall_clocks_out_of_step()` finds the instants their wall-clock times no longer give, and
the clock-change registry (core.clock_changes) stores the new ones.
"""

import datetime as dt
from typing import ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from core.time import NonExistentLocalTime, instant_to_wall_clock, system_zone, wall_clock_to_instant

_MISSING = object()


class WallClockFormField(forms.DateTimeField):
    """A date and time as typed, without a zone: not read in the user's current time zone."""

    def to_python(self, value):
        result = super().to_python(value)
        return result.replace(tzinfo=None) if result is not None else None

    def prepare_value(self, value):
        return value


class WallClockField(models.Field):
    """A naive date and time (`timestamp without time zone` in PostgreSQL): a wall-clock time of some zone."""

    description = _("Date and time of a zone's clocks")
    empty_strings_allowed = False

    def db_type(self, connection):
        return "timestamp" if connection.vendor == "postgresql" else "datetime"

    def get_internal_type(self):
        return "WallClockField"

    def to_python(self, value):
        if value is None or isinstance(value, dt.datetime):
            return value.replace(tzinfo=None) if value is not None else None
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time())
        try:
            parsed = parse_datetime(str(value))
        except ValueError:
            parsed = None
        if parsed is None:
            raise ValidationError(_("Enter a valid date and time."), code="invalid")
        return parsed.replace(tzinfo=None)

    def from_db_value(self, value, expression, connection):
        return None if value is None else self.to_python(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else self.to_python(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = value if prepared else self.get_prep_value(value)
        if value is None or connection.vendor == "postgresql":
            return value
        return value.isoformat(sep=" ")

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return value.isoformat() if value else ""

    def formfield(self, **kwargs):
        from wagtail.admin.widgets import AdminDateTimeInput  # Wagtail's admin is loaded after the models

        return super().formfield(**{"form_class": WallClockFormField, "widget": AdminDateTimeInput, **kwargs})


class WallClockMixin(models.Model):
    """Keeps each instant field in step with the wall-clock field it is typed in (see the module's docstring)."""

    # instant field name → wall-clock field name
    wall_clocks: ClassVar[dict[str, str]] = {}

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        self.sync_wall_clocks()
        if update_fields is not None:  # an instant and its wall-clock time are saved together
            update_fields = set(update_fields)
            for pair in self.wall_clocks.items():
                if update_fields.intersection(pair):
                    update_fields.update(pair)
        super().save(*args, update_fields=update_fields, **kwargs)
        self._remember_wall_clocks()

    def wall_clock_zone(self) -> str:
        """The zone the wall-clock times of this row are typed in."""
        raise NotImplementedError

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_wall_clocks()
        return instance

    def _remember_wall_clocks(self):
        loaded = self.__dict__
        self._wall_clocks_loaded = {
            name: loaded.get(name, _MISSING) for pair in self.wall_clocks.items() for name in pair
        }

    def sync_wall_clocks(self) -> None:
        loaded = getattr(self, "_wall_clocks_loaded", {})
        zone = None
        for instant_name, local_name in self.wall_clocks.items():
            local, instant = getattr(self, local_name), getattr(self, instant_name)
            local_changed = local != loaded.get(local_name, _MISSING)
            instant_changed = instant != loaded.get(instant_name, _MISSING)
            if (local_changed and local is not None) or (instant_changed and instant is not None):
                zone = zone or self.wall_clock_zone()
            if local_changed and local is not None:
                setattr(self, instant_name, wall_clock_to_instant(local, zone))
            elif instant_changed:
                setattr(self, local_name, instant_to_wall_clock(instant, zone) if instant else None)
            elif local_changed:
                setattr(self, instant_name, None)

    def clean(self):
        super().clean()
        errors = {}
        for local_name in self.wall_clocks.values():
            try:
                local = self._meta.get_field(local_name).to_python(getattr(self, local_name))
            except ValidationError:
                continue  # the field's own error says so
            if local is None:
                continue
            zone = self.wall_clock_zone()
            try:
                wall_clock_to_instant(local, zone, strict=True)
            except NonExistentLocalTime:
                errors[local_name] = ValidationError(
                    _("%(time)s does not exist in %(zone)s: the clocks skip it. Choose another time."),
                    params={"time": f"{local:%H:%M}", "zone": zone},
                    code="skipped_time",
                )
        if errors:
            raise ValidationError(errors)


def wall_clocks_out_of_step(rows, *, now: dt.datetime):
    """(row, instant field, stored instant, instant under the data in use) for each instant of `rows` (instances of
    a WallClockMixin model) that its wall-clock time no longer gives and that is not past under either reading."""
    found = []
    for row in rows:
        zone = row.wall_clock_zone()
        for instant_name, local_name in row.wall_clocks.items():
            local, stored = getattr(row, local_name), getattr(row, instant_name)
            if local is None or stored is None:
                continue
            derived = wall_clock_to_instant(local, zone)
            if derived != stored and max(derived, stored) > now:
                found.append((row, instant_name, stored, derived))
    return found


def fill_wall_clocks(model, pairs: dict[str, str], zone_of, zone_loader=None) -> int:
    """For migrations: fill each empty wall-clock field of `model`'s rows (a historical model) from its instant, read
    with the zone data the rows were saved under: `zone_loader(name)`, by default the operating system's files,
    which every computation used before the pinned package (core.time.system_zone). Returns the rows changed."""
    zone_loader = zone_loader or system_zone
    zones, changed = {}, 0
    for row in model.objects.all():
        name = zone_of(row)
        zone = zones.setdefault(name, zone_loader(name))
        fields = []
        for instant_name, local_name in pairs.items():
            instant = getattr(row, instant_name)
            if instant is not None and getattr(row, local_name) is None:
                setattr(row, local_name, instant.astimezone(zone).replace(tzinfo=None))
                fields.append(local_name)
        if fields:
            row.save(update_fields=fields)
            changed += 1
    return changed
