"""Membership plans and membership periods."""

from datetime import date

import factory

from members.models import Audience, Membership, MembershipPlan
from tests.factories.members import OrganisationFactory


class MembershipPlanFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Adhésion PME {n}")
    name_en = factory.Sequence(lambda n: f"SME membership {n}")
    audience = Audience.PME
    annual_fee = 1_200_000  # 12 000,00 MAD
    joining_fee = 200_000  # 2 000,00 MAD
    requires_approval = False
    benefits = "Accès aux événements réservés aux membres et à l'annuaire."

    class Meta:
        model = MembershipPlan


class MembershipFactory(factory.django.DjangoModelFactory):
    """A paid calendar-year 2026 membership."""

    organisation = factory.SubFactory(OrganisationFactory)
    plan = factory.SubFactory(MembershipPlanFactory)
    status = Membership.Status.ACTIVE
    period_start = date(2026, 1, 1)
    period_end = date(2026, 12, 31)

    class Meta:
        model = Membership
