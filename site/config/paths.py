"""Puts the repository root and site/ on sys.path for entry points other than manage.py."""

import sys
from pathlib import Path

SITE_DIR = Path(__file__).resolve().parent.parent
ROOT_DIR = SITE_DIR.parent

for path in (str(SITE_DIR), str(ROOT_DIR)):
    if path not in sys.path:
        sys.path.insert(0, path)
