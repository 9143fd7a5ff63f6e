"""Where other apps plug in what happens once an order line is paid or refunded.

    from payments import fulfilment
    fulfilment.register("dues", on_paid=membership_activate_for_line, on_refunded=membership_cancel_for_line)

Handlers receive the OrderLine and run inside the transaction that marks the order paid (or refunded):
if one raises, nothing of the payment is saved and the provider will retry.

Two more, optional: `on_method_chosen(line, method)` runs when the buyer picks how to pay (events gives a bank
transfer a longer hold), inside the transaction that records the choice; `payable_until(line)` answers until
when the line can still be paid (a reservation's deadline), or None, for the pages and the pro-forma.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

Handler = Callable[..., None]


@dataclass(frozen=True)
class Handlers:
    on_paid: Handler | None = None
    on_refunded: Handler | None = None
    on_cancelled: Handler | None = None
    on_method_chosen: Handler | None = None
    payable_until: Callable[..., datetime | None] | None = None


_registry: dict[str, Handlers] = {}


def register(
    kind: str,
    *,
    on_paid: Handler | None = None,
    on_refunded: Handler | None = None,
    on_cancelled: Handler | None = None,
    on_method_chosen: Handler | None = None,
    payable_until: Callable[..., datetime | None] | None = None,
) -> None:
    """Register what to do when a line of this kind is paid, refunded, or its unpaid order cancelled (by the
    buyer, the secretariat, or because its payment deadline passed). Registering again replaces."""
    _registry[kind] = Handlers(
        on_paid=on_paid,
        on_refunded=on_refunded,
        on_cancelled=on_cancelled,
        on_method_chosen=on_method_chosen,
        payable_until=payable_until,
    )


def unregister(kind: str) -> None:
    _registry.pop(kind, None)


@contextmanager
def override(
    kind: str,
    *,
    on_paid: Handler | None = None,
    on_refunded: Handler | None = None,
    on_cancelled: Handler | None = None,
    on_method_chosen: Handler | None = None,
    payable_until: Callable[..., datetime | None] | None = None,
) -> Iterator[None]:
    """Use other handlers for a kind within a block (tests), then put back whatever was registered."""
    previous = _registry.get(kind)
    register(
        kind,
        on_paid=on_paid,
        on_refunded=on_refunded,
        on_cancelled=on_cancelled,
        on_method_chosen=on_method_chosen,
        payable_until=payable_until,
    )
    try:
        yield
    finally:
        if previous is None:
            unregister(kind)
        else:
            _registry[kind] = previous


def handlers_for(kind: str) -> Handlers:
    return _registry.get(kind, Handlers())


def run_paid(order) -> None:
    for line in order.lines.all():
        if handler := handlers_for(line.kind).on_paid:
            handler(line)


def run_refunded(order) -> None:
    for line in order.lines.all():
        if handler := handlers_for(line.kind).on_refunded:
            handler(line)


def run_cancelled(order) -> None:
    for line in order.lines.all():
        if handler := handlers_for(line.kind).on_cancelled:
            handler(line)


def run_method_chosen(order, method: str) -> None:
    for line in order.lines.all():
        if handler := handlers_for(line.kind).on_method_chosen:
            handler(line, method)


def payable_until(order) -> datetime | None:
    """The earliest deadline any line of the order sets, or None when nothing limits it."""
    deadlines = [
        deadline
        for line in order.lines.all()
        if (handler := handlers_for(line.kind).payable_until) and (deadline := handler(line)) is not None
    ]
    return min(deadlines, default=None)
