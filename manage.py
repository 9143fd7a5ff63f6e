#!/usr/bin/env python
"""Django's command-line utility for Majlis."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# site/ is a source root, not a package: the standard library owns the name `site`.
sys.path[:0] = [str(ROOT), str(ROOT / "site")]

from config.tz import use_pinned_tzdata  # noqa: E402  (needs the path above)

use_pinned_tzdata()  # the pinned tzdata package, not the operating system's zone files

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
