"""Pure arithmetic of membership periods: no database, no clock. Dates in, dates and amounts out.

The association chooses once (settings, "Membership periods") how its dues run:
- calendar periods (1 January – 31 December) or anniversary periods (one year from the day the member joins);
- for calendar periods, how a company joining during the year pays: "prorata" (the remaining months, the
  current month included) or "next_year" (full fee; from MEMBERSHIP_LATE_JOIN_FROM_MONTH on, the period runs
  to the end of the following year);
- how many days before the end renewal opens, and how many days of grace follow the end before a membership lapses.
"""

from dataclasses import dataclass
from datetime import date, timedelta

CALENDAR = "calendar"
ANNIVERSARY = "anniversary"
PRORATA = "prorata"
NEXT_YEAR = "next_year"


@dataclass(frozen=True)
class PeriodRules:
    period: str = CALENDAR
    late_join: str = PRORATA
    late_join_from_month: int = 10
    renewal_window_days: int = 60
    grace_days: int = 30
    reminder_days: tuple[int, ...] = (30, 7, 0, -15)

    def __post_init__(self):
        if self.period not in (CALENDAR, ANNIVERSARY):
            raise ValueError(f"MEMBERSHIP_PERIOD must be {CALENDAR!r} or {ANNIVERSARY!r}, not {self.period!r}.")
        if self.late_join not in (PRORATA, NEXT_YEAR):
            raise ValueError(f"MEMBERSHIP_LATE_JOIN must be {PRORATA!r} or {NEXT_YEAR!r}, not {self.late_join!r}.")
        if not 1 <= self.late_join_from_month <= 12:
            raise ValueError("MEMBERSHIP_LATE_JOIN_FROM_MONTH must be between 1 and 12.")
        if self.renewal_window_days < 0 or self.grace_days < 0:
            raise ValueError("MEMBERSHIP_RENEWAL_WINDOW_DAYS and MEMBERSHIP_GRACE_DAYS cannot be negative.")


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive: the last day covered


@dataclass(frozen=True)
class Quote:
    """What joining on a given day costs and covers."""

    period: Period
    amount: int


def add_one_year(day: date) -> date:
    """The same day a year later; 29 February becomes 1 March."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def anniversary_period(start: date) -> Period:
    return Period(start, add_one_year(start) - timedelta(days=1))


def calendar_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def remaining_months(day: date) -> int:
    """Months left in the calendar year, the current month included (January: 12, December: 1)."""
    return 13 - day.month


def prorata(annual_fee: int, day: date) -> int:
    """The annual fee for the months left in the year, rounded half up to the centime."""
    return (annual_fee * remaining_months(day) * 2 + 12) // 24


def joining_quote(day: date, annual_fee: int, rules: PeriodRules) -> Quote:
    """The first period of a company joining on `day`, and the dues it pays for it."""
    if rules.period == ANNIVERSARY:
        return Quote(anniversary_period(day), annual_fee)
    if rules.late_join == PRORATA:
        return Quote(Period(day, date(day.year, 12, 31)), prorata(annual_fee, day))
    if day.month >= rules.late_join_from_month:
        return Quote(Period(day, date(day.year + 1, 12, 31)), annual_fee)
    return Quote(Period(day, date(day.year, 12, 31)), annual_fee)


def next_period(current: Period, rules: PeriodRules) -> Period:
    """The period that follows one ending on `current.end`."""
    start = current.end + timedelta(days=1)
    if rules.period == ANNIVERSARY:
        return anniversary_period(start)
    return calendar_year(start.year)


def renewal_opens(end: date, rules: PeriodRules) -> date:
    return end - timedelta(days=rules.renewal_window_days)


def grace_ends(end: date, rules: PeriodRules) -> date:
    """The last day of grace."""
    return end + timedelta(days=rules.grace_days)


def is_in_renewal_window(today: date, end: date, rules: PeriodRules) -> bool:
    """Renewal is open from `renewal_window_days` before the end up to the end itself."""
    return renewal_opens(end, rules) <= today <= end


def is_in_grace(today: date, end: date, rules: PeriodRules) -> bool:
    """After the end, still a member for `grace_days` while the dues are being paid."""
    return end < today <= grace_ends(end, rules)


def is_lapsed(today: date, end: date, rules: PeriodRules) -> bool:
    return today > grace_ends(end, rules)


def can_renew(today: date, end: date, rules: PeriodRules) -> bool:
    return is_in_renewal_window(today, end, rules) or is_in_grace(today, end, rules)


def usable_reminder_days(rules: PeriodRules) -> list[int]:
    """Reminder days that fall while renewal is open (from the renewal window to the end of grace)."""
    return [days for days in rules.reminder_days if -rules.grace_days <= days <= rules.renewal_window_days]


def reminder_due(today: date, end: date, rules: PeriodRules, *, already_sent: set[int]) -> int | None:
    """The renewal reminder to send today for a period ending on `end`, as its number of days before the end.

    The latest reminder whose day has come, unless it (or a later one) was already sent: a job that missed a
    few days sends one reminder, not the whole backlog; nothing once grace is over."""
    if is_lapsed(today, end, rules):
        return None
    days_left = (end - today).days
    arrived = [days for days in rules.reminder_days if days >= days_left]
    if not arrived:
        return None
    latest = min(arrived)
    if latest not in usable_reminder_days(rules):
        return None
    if any(sent <= latest for sent in already_sent):
        return None
    return latest
