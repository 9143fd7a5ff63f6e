"""The B2B meeting scheduler, free of the database: slots of a session's days, and a greedy placement of accepted
requests on (slot, table) pairs such that nobody, no table and no (slot, table) pair is booked twice, and nobody
has more meetings than the cap. Breaks are never slots, so no meeting can fall in one.

Greedy, most constrained first: at each step the request with the fewest possible slots left is placed in its
earliest one (lowest free table). Not optimal, but good and predictable; the secretariat adjusts by hand after."""

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class Request:
    """An accepted request to place: its id and the two people (any hashable ids) who meet."""

    id: int
    people: tuple[Hashable, Hashable]


@dataclass(frozen=True)
class Assignment:
    request_id: int
    people: tuple[Hashable, Hashable]
    slot: Slot
    table: int


def _overlaps(start: dt.time, end: dt.time, breaks: Iterable[tuple[dt.time, dt.time]]) -> bool:
    return any(start < break_end and break_start < end for break_start, break_end in breaks)


def build_slots(
    *,
    days: Iterable[dt.date],
    day_start: dt.time,
    day_end: dt.time,
    minutes: int,
    breaks: Iterable[tuple[dt.time, dt.time]] = (),
    time_zone: str = "Africa/Casablanca",
) -> list[Slot]:
    """Every slot of `minutes` from `day_start` to `day_end` of each day (local times in `time_zone`), skipping those
    that overlap a break; aware datetimes, in order."""
    zone, breaks, slots = ZoneInfo(time_zone), list(breaks), []
    step = dt.timedelta(minutes=minutes)
    for day in days:
        start = dt.datetime.combine(day, day_start)
        while minutes > 0 and start + step <= dt.datetime.combine(day, day_end):
            end = start + step
            if not _overlaps(start.time(), end.time(), breaks):
                slots.append(Slot(start.replace(tzinfo=zone), end.replace(tzinfo=zone)))
            start = end
    return slots


def schedule(
    slots: Sequence[Slot],
    tables: int,
    requests: Iterable[Request],
    existing: Iterable[Assignment] = (),
    cap: int | None = None,
) -> list[Assignment]:
    """Place as many `requests` as possible around the `existing` assignments; returns the new assignments only.

    Requests that cannot be placed (nobody free at the same time, no table left, a cap reached) are left out."""
    busy_people: dict[Slot, set] = defaultdict(set)
    used_tables: dict[Slot, set[int]] = defaultdict(set)
    count: dict[Hashable, int] = defaultdict(int)
    for booked in existing:
        busy_people[booked.slot].update(booked.people)
        used_tables[booked.slot].add(booked.table)
        for person in booked.people:
            count[person] += 1

    def free_slots(request: Request) -> list[Slot]:
        if cap is not None and any(count[person] >= cap for person in request.people):
            return []
        return [
            slot
            for slot in slots
            if len(used_tables[slot]) < tables and not busy_people[slot].intersection(request.people)
        ]

    pending = [request for request in requests if request.people[0] != request.people[1]]
    placed: list[Assignment] = []
    while pending:
        options = {request.id: free_slots(request) for request in pending}
        pending = [request for request in pending if options[request.id]]
        if not pending:
            break
        # Fewest options first; then the people with the most requests still waiting, then the oldest request.
        waiting = defaultdict(int)
        for request in pending:
            for person in request.people:
                waiting[person] += 1
        request = min(
            pending,
            key=lambda r: (len(options[r.id]), -sum(waiting[p] for p in r.people), r.id),
        )
        slot = options[request.id][0]
        table = min(set(range(1, tables + 1)) - used_tables[slot])
        placed.append(Assignment(request.id, request.people, slot, table))
        busy_people[slot].update(request.people)
        used_tables[slot].add(table)
        for person in request.people:
            count[person] += 1
        pending.remove(request)
    return placed
