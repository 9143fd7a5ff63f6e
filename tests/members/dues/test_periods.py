"""The arithmetic of membership periods, with no database and no clock."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from members.dues.periods import (
    ANNIVERSARY,
    CALENDAR,
    NEXT_YEAR,
    PRORATA,
    Period,
    PeriodRules,
    can_renew,
    is_in_grace,
    is_in_renewal_window,
    is_lapsed,
    joining_quote,
    next_period,
    prorata,
)

FEE = 1_200_000  # 12 000,00 MAD a year
CALENDAR_PRORATA = PeriodRules(period=CALENDAR, late_join=PRORATA)
CALENDAR_NEXT_YEAR = PeriodRules(period=CALENDAR, late_join=NEXT_YEAR, late_join_from_month=10)
ANNIVERSARY_RULES = PeriodRules(period=ANNIVERSARY)
END_2026 = date(2026, 12, 31)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
fees = st.integers(min_value=0, max_value=10**10)
rules = st.builds(
    PeriodRules,
    period=st.sampled_from([CALENDAR, ANNIVERSARY]),
    late_join=st.sampled_from([PRORATA, NEXT_YEAR]),
    late_join_from_month=st.integers(1, 12),
    renewal_window_days=st.integers(0, 120),
    grace_days=st.integers(0, 90),
)


def test_joining_in_april_pays_nine_months_of_a_calendar_year():
    quote = joining_quote(date(2026, 4, 15), FEE, CALENDAR_PRORATA)
    assert quote.amount == 900_000
    assert quote.period == Period(date(2026, 4, 15), END_2026)


def test_joining_in_january_pays_the_full_year():
    assert joining_quote(date(2026, 1, 20), FEE, CALENDAR_PRORATA).amount == FEE


def test_joining_in_december_pays_one_month():
    assert joining_quote(date(2026, 12, 1), FEE, CALENDAR_PRORATA).amount == 100_000


def test_prorata_rounds_half_up_to_the_centime():
    # 100 001 centimes × 11/12 = 91 667.58…
    assert prorata(100_001, date(2026, 2, 1)) == 91_668


def test_joining_before_the_late_month_pays_the_full_year_to_december():
    quote = joining_quote(date(2026, 9, 30), FEE, CALENDAR_NEXT_YEAR)
    assert quote == type(quote)(Period(date(2026, 9, 30), END_2026), FEE)


def test_joining_from_october_counts_for_the_next_year():
    quote = joining_quote(date(2026, 10, 1), FEE, CALENDAR_NEXT_YEAR)
    assert quote.period == Period(date(2026, 10, 1), date(2027, 12, 31))
    assert quote.amount == FEE


def test_anniversary_period_runs_one_year_from_the_day_of_joining():
    quote = joining_quote(date(2026, 3, 10), FEE, ANNIVERSARY_RULES)
    assert quote.period == Period(date(2026, 3, 10), date(2027, 3, 9))
    assert quote.amount == FEE


def test_anniversary_period_from_29_february_ends_on_28_february():
    assert joining_quote(date(2028, 2, 29), FEE, ANNIVERSARY_RULES).period.end == date(2029, 2, 28)


def test_calendar_renewal_covers_the_next_calendar_year():
    assert next_period(Period(date(2026, 10, 1), date(2027, 12, 31)), CALENDAR_PRORATA) == Period(
        date(2028, 1, 1), date(2028, 12, 31)
    )


def test_anniversary_renewal_follows_on_the_next_day():
    assert next_period(Period(date(2026, 3, 10), date(2027, 3, 9)), ANNIVERSARY_RULES) == Period(
        date(2027, 3, 10), date(2028, 3, 9)
    )


def test_renewal_opens_sixty_days_before_the_end():
    assert is_in_renewal_window(END_2026 - timedelta(days=60), END_2026, CALENDAR_PRORATA)
    assert not is_in_renewal_window(END_2026 - timedelta(days=61), END_2026, CALENDAR_PRORATA)


def test_the_day_after_the_end_starts_the_grace_period():
    assert is_in_grace(date(2027, 1, 1), END_2026, CALENDAR_PRORATA)
    assert not is_in_grace(END_2026, END_2026, CALENDAR_PRORATA)


def test_membership_lapses_after_thirty_days_of_grace():
    assert is_in_grace(END_2026 + timedelta(days=30), END_2026, CALENDAR_PRORATA)
    assert is_lapsed(END_2026 + timedelta(days=31), END_2026, CALENDAR_PRORATA)


def test_renewal_is_possible_during_grace_but_not_after():
    assert can_renew(END_2026 + timedelta(days=30), END_2026, CALENDAR_PRORATA)
    assert not can_renew(END_2026 + timedelta(days=31), END_2026, CALENDAR_PRORATA)


@pytest.mark.parametrize(
    "kwargs",
    [{"period": "monthly"}, {"late_join": "never"}, {"late_join_from_month": 13}, {"grace_days": -1}],
)
def test_unknown_period_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        PeriodRules(**kwargs)


@given(day=days, fee=fees)
def test_prorata_never_exceeds_the_annual_fee(day, fee):
    assert fee // 12 <= prorata(fee, day) <= fee


@given(day=days, fee=fees, period_rules=rules)
def test_first_period_starts_on_the_day_of_joining_and_ends_later(day, fee, period_rules):
    quote = joining_quote(day, fee, period_rules)
    assert quote.period.start == day
    assert quote.period.end > day or (day.month, day.day) == (12, 31)
    assert 0 <= quote.amount <= fee


@given(day=days, period_rules=rules)
def test_next_period_starts_the_day_after_and_lasts_a_year(day, period_rules):
    first = joining_quote(day, FEE, period_rules).period
    following = next_period(first, period_rules)
    assert following.start == first.end + timedelta(days=1)
    assert (following.end - following.start).days in (364, 365)


@given(today=days, end=days, period_rules=rules)
def test_after_the_end_a_membership_is_either_in_grace_or_lapsed(today, end, period_rules):
    if today > end:
        assert is_in_grace(today, end, period_rules) != is_lapsed(today, end, period_rules)
        assert not is_in_renewal_window(today, end, period_rules)
    else:
        assert not is_in_grace(today, end, period_rules) and not is_lapsed(today, end, period_rules)
