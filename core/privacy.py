"""The privacy registry: each app says what it keeps about a person, so that the personal-data export reaches
every app without members importing the apps above it (law 09-08, access right).

Apps register in `AppConfig.ready()`: `register_export("event_registrations", registrations_of)`, where the
function takes the user and returns JSON-ready data. The export (members.services.privacy.personal_data) walks
the registry in registration order.
"""

from collections.abc import Callable

_exports: dict[str, Callable[[object], object]] = {}


def register_export(key: str, export: Callable[[object], object]) -> None:
    """Add `export(user)` to the personal-data export under `key` (once: registering a key again replaces it)."""
    _exports[key] = export


def exports_for(user) -> dict[str, object]:
    """Every registered app's data about the user, by key."""
    return {key: export(user) for key, export in _exports.items()}


def when(value) -> str | None:
    """A date or time as the export writes it (ISO 8601), or None."""
    return value.isoformat() if value else None
