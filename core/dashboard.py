"""My space's panels: each app says what it has to show a person there, so that My space (in members, the bottom
of the apps) reaches the apps above it without importing them — the pattern of core.privacy.

Apps register a loader in `AppConfig.ready()`: `register_panels("events", panels_of)`, where `panels_of(request)`
returns the `Panel`s of the logged-in person (none when they have nothing of that app). My space shows them by
section, in the order of SECTIONS — what needs doing first, then what is next, then the messages, the rest in the
side column — and within a section by `order`. A panel's template reads its `context` as `data`:

    {% include panel.template with data=panel.context %}

A loader costs a bounded handful of queries, whatever the person has: My space's query count is asserted.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Something waits for the person: a seat offered, a payment due, dues to renew, a meeting request to answer.
ACTION = "action"
# What is next: events they are registered for, B2B meetings.
UPCOMING = "upcoming"
# The messages: conversations with unread messages, the board's posts.
MESSAGES = "messages"
# The rest, in the side column: invoices (My space puts the companies, the profile and personal data there).
ASIDE = "aside"

SECTIONS = (ACTION, UPCOMING, MESSAGES, ASIDE)


@dataclass(frozen=True)
class Panel:
    section: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50

    def __post_init__(self):
        if self.section not in SECTIONS:
            raise ValueError(f"Unknown section {self.section!r}: one of {', '.join(SECTIONS)}.")


_loaders: dict[str, Callable[[object], Iterable[Panel]]] = {}


def register_panels(key: str, loader: Callable[[object], Iterable[Panel]]) -> None:
    """Add `loader(request)` to My space under `key` (once: registering a key again replaces it)."""
    _loaders[key] = loader


def panels_for(request, extra: Iterable[Panel] = ()) -> dict[str, list[Panel]]:
    """Every registered app's panels for the person (and `extra`, My space's own), by section, each in order."""
    sections: dict[str, list[Panel]] = {section: [] for section in SECTIONS}
    for panel in [*extra, *(panel for loader in _loaders.values() for panel in loader(request))]:
        sections[panel.section].append(panel)
    for panels in sections.values():
        panels.sort(key=lambda panel: panel.order)
    return sections
