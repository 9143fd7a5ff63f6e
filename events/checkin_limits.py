"""A brake on guessing ticket codes at the check-in page: each person may miss only so many codes in a while.

Only unknown codes count (a ticket that exists but is refused, say already checked in, is not a guess). A ticket
found does not wipe the count: anyone holding one real ticket could otherwise interleave it with guesses for
ever. The count lives in the default cache (Redis in production, shared by every process) and runs out
WINDOW_SECONDS after the first miss: door staff who typed badly are held up ten minutes at most, while guessing
80-bit codes at thirty misses per ten minutes per account is hopeless.
"""

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from events.checkin import CheckInError, UnknownCode, checkin_lookup
from events.models import EventPage, Registration

FAILURE_LIMIT = 30
WINDOW_SECONDS = 10 * 60


class TooManyAttempts(CheckInError):
    message = _("Too many unknown codes in a short time. Wait a few minutes, then try again.")
    status_code = 429


def failures_key(user) -> str:
    return f"events:checkin-failures:{user.pk}"


def failures(user) -> int:
    return cache.get(failures_key(user), 0)


def record_failure(user) -> None:
    key = failures_key(user)
    # add() starts the window only once; incr() is atomic on Redis and in local memory.
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # the window ran out between add() and incr()
        cache.set(key, 1, WINDOW_SECONDS)


def limited_checkin_lookup(*, event: EventPage, code: str, user) -> Registration:
    """events.checkin.checkin_lookup for `user`, refused with TooManyAttempts (429) once they have typed
    FAILURE_LIMIT unknown codes within the window; raises what checkin_lookup raises otherwise."""
    if failures(user) >= FAILURE_LIMIT:
        raise TooManyAttempts()
    try:
        return checkin_lookup(event=event, code=code)
    except UnknownCode:
        record_failure(user)
        raise
