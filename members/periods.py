"""Moved to members.dues.periods. Kept only for members/imports.py, edited on another branch: delete this module
once it imports members.dues.periods."""

from members.dues.periods import *  # noqa: F403
