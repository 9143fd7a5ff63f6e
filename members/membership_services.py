"""Moved to members.dues.services. Kept only for members/imports.py, edited on another branch: delete this module
once it imports members.dues.services.period_rules."""

from members.dues.services import period_rules

__all__ = ["period_rules"]
