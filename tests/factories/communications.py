"""Announcements, e-mail preferences and the suppression list."""

import factory

from members.models import Announcement, EmailPreferences, Segment, SuppressedAddress, Topic


class AnnouncementFactory(factory.django.DjangoModelFactory):
    """A draft general announcement to all active members, in French only."""

    subject = factory.Sequence(lambda n: f"Assemblée générale {n}")
    body = "L'assemblée générale se tiendra au Technopark.\n\nOrdre du jour : https://example.ma/ag"
    topic = Topic.GENERAL
    segment = Segment.ACTIVE_MEMBERS

    class Meta:
        model = Announcement


class EmailPreferencesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailPreferences


class SuppressedAddressFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"rebond{n}@exemple.ma")
    reason = SuppressedAddress.Reason.BOUNCED

    class Meta:
        model = SuppressedAddress
