"""Database options the settings apply."""


def sqlite_options(busy_timeout: int) -> dict:
    """For the embedded SQLite default, which must survive a busy admin (autosave, translation copies, publishing at
    once): write-ahead logging lets readers go on while one connection writes; a writer that finds the lock taken
    waits for it (`busy_timeout` seconds) instead of failing with "database is locked"; and every transaction takes
    the write lock when it begins (IMMEDIATE), so that one which read first never fails half-way when it comes to
    write (with the default DEFERRED mode, SQLite answers "database is locked" at once, without waiting)."""
    return {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": busy_timeout,
    }
