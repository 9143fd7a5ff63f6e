"""The pure scheduler (partnerships.meetings.scheduling): examples, then invariants on random data with hypothesis."""

import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from partnerships.meetings.scheduling import Assignment, Request, build_slots, schedule

DAY = dt.date(2026, 10, 14)


def slots(count=4):
    return build_slots(days=[DAY], day_start=dt.time(9), day_end=dt.time(9 + count), minutes=60)


def test_slots_skip_the_breaks_and_stop_before_the_end_of_the_day():
    made = build_slots(
        days=[DAY, DAY + dt.timedelta(days=1)],
        day_start=dt.time(9),
        day_end=dt.time(11, 10),
        minutes=20,
        breaks=[(dt.time(9, 40), dt.time(10, 0))],
    )

    assert [slot.start.strftime("%d %H:%M") for slot in made] == [
        f"{day} {time}" for day in (14, 15) for time in ("09:00", "09:20", "10:00", "10:20", "10:40")
    ]
    assert made[0].start.utcoffset() is not None


def test_a_break_partly_covering_a_slot_removes_the_slot():
    made = build_slots(
        days=[DAY], day_start=dt.time(9), day_end=dt.time(10), minutes=20, breaks=[(dt.time(9, 30), dt.time(9, 35))]
    )

    assert [slot.start.strftime("%H:%M") for slot in made] == ["09:00", "09:40"]


def test_two_meetings_of_the_same_person_go_to_different_slots():
    placed = schedule(slots(), 5, [Request(1, ("ana", "ben")), Request(2, ("ana", "chloe"))])

    assert len(placed) == 2
    assert placed[0].slot != placed[1].slot


def test_meetings_of_different_people_share_a_slot_at_different_tables():
    placed = schedule(slots(1), 2, [Request(1, ("ana", "ben")), Request(2, ("chloe", "driss"))])

    assert {a.table for a in placed} == {1, 2}
    assert len({a.slot for a in placed}) == 1


def test_a_request_that_cannot_fit_is_left_out():
    placed = schedule(slots(1), 1, [Request(1, ("ana", "ben")), Request(2, ("chloe", "driss"))])

    assert [a.request_id for a in placed] == [1]


def test_the_cap_counts_existing_meetings():
    existing = [Assignment(9, ("ana", "zoe"), slots()[0], 1)]

    placed = schedule(slots(), 3, [Request(1, ("ana", "ben")), Request(2, ("ana", "chloe"))], existing, cap=2)

    assert len(placed) == 1
    assert placed[0].slot != existing[0].slot


def test_most_constrained_first_places_more_meetings_than_first_come():
    # ana is free only at 09:00 (busy after); ben is free all day. First come would give ben's 09:00 to chloe.
    two = slots(2)
    existing = [Assignment(9, ("ana", "zoe"), two[1], 1)]

    placed = schedule(two, 2, [Request(1, ("ben", "chloe")), Request(2, ("ana", "ben"))], existing)

    assert {a.request_id for a in placed} == {1, 2}


people = st.integers(min_value=0, max_value=11)


@st.composite
def scenarios(draw):
    minutes = draw(st.sampled_from([15, 20, 30]))
    start_hour = draw(st.integers(min_value=8, max_value=10))
    end_hour = draw(st.integers(min_value=start_hour + 1, max_value=start_hour + 4))
    break_start = dt.time(
        draw(st.integers(min_value=start_hour, max_value=end_hour - 1)), draw(st.sampled_from([0, 10, 30]))
    )
    break_end = (
        dt.datetime.combine(DAY, break_start) + dt.timedelta(minutes=draw(st.sampled_from([15, 30, 60])))
    ).time()
    breaks = draw(st.sampled_from([[], [(break_start, break_end)]]))
    days = [DAY + dt.timedelta(days=n) for n in range(draw(st.integers(min_value=1, max_value=2)))]
    made = build_slots(
        days=days, day_start=dt.time(start_hour), day_end=dt.time(end_hour), minutes=minutes, breaks=breaks
    )
    pairs = draw(st.lists(st.tuples(people, people), max_size=40))
    requests = [Request(number, pair) for number, pair in enumerate(pairs, start=1)]
    tables = draw(st.integers(min_value=1, max_value=4))
    cap = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=6)))
    existing = []
    if made and draw(st.booleans()):
        existing = [Assignment(1000, (100, 101), made[0], 1)]
    return made, breaks, tables, requests, existing, cap


@settings(max_examples=300, deadline=None)
@given(scenarios())
def test_random_schedules_never_double_book_and_respect_caps_and_breaks(scenario):
    made, breaks, tables, requests, existing, cap = scenario

    placed = schedule(made, tables, requests, existing, cap)
    everything = [*existing, *placed]

    by_id = {request.id: request for request in requests}
    assert all(a.people == by_id[a.request_id].people and a.people[0] != a.people[1] for a in placed)
    assert len({a.request_id for a in placed}) == len(placed)
    assert all(a.slot in made and 1 <= a.table <= tables for a in placed)
    assert len({(a.slot, a.table) for a in everything}) == len(everything), "a table booked twice in a slot"
    per_slot_person = Counter((a.slot, person) for a in everything for person in a.people)
    assert max(per_slot_person.values(), default=0) <= 1, "a person booked twice in a slot"
    if cap is not None:
        per_person = Counter(person for a in placed for person in a.people)
        existing_count = Counter(person for a in existing for person in a.people)
        assert all(per_person[p] == 0 or existing_count[p] + per_person[p] <= cap for p in per_person)
    for a in placed:
        local_start, local_end = a.slot.start.time(), a.slot.end.time()
        assert not any(local_start < end and start < local_end for start, end in breaks), "a meeting in a break"


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(people, people), max_size=30), st.integers(min_value=1, max_value=3))
def test_the_scheduler_places_a_request_whenever_a_common_slot_and_table_remain(pairs, tables):
    made = slots(3)
    requests = [Request(n, pair) for n, pair in enumerate(pairs, start=1)]

    placed = schedule(made, tables, requests)

    placed_ids = {a.request_id for a in placed}
    for request in requests:
        if request.id in placed_ids or request.people[0] == request.people[1]:
            continue
        # Left out: at every slot one of the two is busy, or every table is taken.
        for slot in made:
            at_slot = [a for a in placed if a.slot == slot]
            busy = {p for a in at_slot for p in a.people}
            assert busy.intersection(request.people) or len(at_slot) >= tables
