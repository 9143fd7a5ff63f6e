import factory

from events.models import CalendarFeedToken
from tests.factories.members import MemberUserFactory


class CalendarFeedTokenFactory(factory.django.DjangoModelFactory):
    user = factory.SubFactory(MemberUserFactory)

    class Meta:
        model = CalendarFeedToken
