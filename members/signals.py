"""Signals of the members domain, for the parts of members (and other apps) built on top of it.

The identity and companies part of members (models, services, selectors) knows nothing of dues or
communications; they listen here instead.
"""

from dataclasses import dataclass

from django.dispatch import Signal

# Sent by members.services.applications.application_approve, inside its transaction (after the company's
# status and its administrator are set), with keyword arguments:
#   application -- the approved MembershipApplication (its organisation and plan loaded)
#   by          -- the user who approved it, or None (a plan that needs no approval)
#   buyer       -- the applicant, or None
# A receiver raising an error rolls the approval back. A receiver may return a NextStep: where the acceptance
# e-mail sends the applicant (for example the page paying the first dues) instead of their dashboard.
application_approved = Signal()


@dataclass(frozen=True)
class NextStep:
    """Where the applicant goes after acceptance: an absolute URL, and the amount due there (centimes) if any."""

    url: str
    amount: int | None = None


def next_step_of(responses) -> NextStep | None:
    """The first NextStep the receivers of a signal returned, if any."""
    return next((response for _receiver, response in responses if isinstance(response, NextStep)), None)
