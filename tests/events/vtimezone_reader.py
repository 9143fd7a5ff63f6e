"""Read an .ics file as a client that trusts its VTIMEZONEs would: from the text alone, no time zone database.

Deliberately independent of events.vtimezone and of icalendar's time zone handling: it unfolds the lines,
reads each VTIMEZONE's observances (DTSTART, TZOFFSETFROM, TZOFFSETTO, RDATE), and answers offsets from them.
RRULEs are refused: the files are meant to list every change explicitly.
"""

import bisect
import datetime as dt
from dataclasses import dataclass, field


def unfold(text: str) -> list[str]:
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith((" ", "\t")) and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def _offset(value: str) -> dt.timedelta:
    sign = -1 if value[0] == "-" else 1
    hours, minutes = int(value[1:3]), int(value[3:5])
    seconds = int(value[5:7]) if len(value) > 5 else 0
    return sign * dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)


def _local(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%Y%m%dT%H%M%S")


@dataclass
class RebuiltZone:
    """A zone rebuilt from observances: sorted onsets (UTC) and the offset each one starts."""

    tzid: str
    onsets: list[dt.datetime] = field(default_factory=list)
    offsets: list[dt.timedelta] = field(default_factory=list)
    first_offset_from: dt.timedelta | None = None

    def add(self, onset_utc: dt.datetime, offset_from: dt.timedelta, offset_to: dt.timedelta) -> None:
        index = bisect.bisect(self.onsets, onset_utc)
        self.onsets.insert(index, onset_utc)
        self.offsets.insert(index, offset_to)
        if index == 0:
            self.first_offset_from = offset_from

    @property
    def first_onset(self) -> dt.datetime:
        return self.onsets[0]

    @property
    def last_onset(self) -> dt.datetime:
        return self.onsets[-1]

    def utcoffset(self, instant: dt.datetime) -> dt.timedelta:
        """The offset in force at an aware instant."""
        index = bisect.bisect_right(self.onsets, instant.astimezone(dt.UTC)) - 1
        return self.offsets[index] if index >= 0 else self.first_offset_from

    def to_utc(self, local: dt.datetime) -> dt.datetime:
        """The instant a wall-clock time stands for (the earlier one when the clocks show it twice)."""
        candidates = []
        for offset in {*self.offsets, self.first_offset_from}:
            instant = (local - offset).replace(tzinfo=dt.UTC)
            if self.utcoffset(instant) == offset:
                candidates.append(instant)
        assert candidates, f"{local} does not exist in the rebuilt {self.tzid}"
        return min(candidates)


def read_vtimezones(ics: bytes | str) -> dict[str, RebuiltZone]:
    text = ics.decode() if isinstance(ics, bytes) else ics
    zones: dict[str, RebuiltZone] = {}
    zone = observance = None
    for line in unfold(text):
        name_part, _, value = line.partition(":")
        name = name_part.split(";")[0].upper()
        if line == "BEGIN:VTIMEZONE":
            zone = RebuiltZone(tzid="")
        elif line == "END:VTIMEZONE":
            zones[zone.tzid] = zone
            zone = None
        elif zone is not None and line in ("BEGIN:STANDARD", "BEGIN:DAYLIGHT"):
            observance = {"RDATE": []}
        elif zone is not None and line in ("END:STANDARD", "END:DAYLIGHT"):
            offset_from, offset_to = observance["TZOFFSETFROM"], observance["TZOFFSETTO"]
            for start in [observance["DTSTART"], *observance["RDATE"]]:
                zone.add((start - offset_from).replace(tzinfo=dt.UTC), offset_from, offset_to)
            observance = None
        elif zone is not None and observance is None and name == "TZID":
            zone.tzid = value
        elif observance is not None:
            assert name != "RRULE", "the file should list every change, not rules"
            if name == "DTSTART":
                observance["DTSTART"] = _local(value)
            elif name in ("TZOFFSETFROM", "TZOFFSETTO"):
                observance[name] = _offset(value)
            elif name == "RDATE":
                observance["RDATE"].extend(_local(item) for item in value.split(","))
    return zones


def event_times(ics: bytes | str) -> dict[str, tuple[str, dt.datetime, str, dt.datetime]]:
    """Each VEVENT's DTSTART and DTEND as written: {uid: (start tzid, start wall clock, end tzid, end wall clock)}."""
    text = ics.decode() if isinstance(ics, bytes) else ics
    found, current = {}, None
    for line in unfold(text):
        name_part, _, value = line.partition(":")
        name, *params = name_part.split(";")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found[current["UID"]] = (*current["DTSTART"], *current["DTEND"])
            current = None
        elif current is not None and name in ("DTSTART", "DTEND"):
            tzid = next(param.split("=", 1)[1] for param in params if param.upper().startswith("TZID="))
            current[name] = (tzid, _local(value))
        elif current is not None and name == "UID":
            current["UID"] = value
    return found
