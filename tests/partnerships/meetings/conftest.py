"""A brokerage session with two participants from two companies, for the B2B meetings tests."""

import pytest

from tests.factories.meetings import BrokerageSessionFactory, MeetingProfileFactory


@pytest.fixture
def session():
    return BrokerageSessionFactory()


@pytest.fixture
def ana(session, company_a, alice):
    return MeetingProfileFactory(session=session, user=alice, organisation=company_a)


@pytest.fixture
def ben(session, company_b, bruno):
    return MeetingProfileFactory(session=session, user=bruno, organisation=company_b)
