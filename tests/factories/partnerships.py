"""Board posts and conversations."""

import datetime as dt

import factory
from django.utils import timezone

from members.models import Role
from partnerships.keywords import keywords_field
from partnerships.models import Conversation, Message, Post, PostRegion
from partnerships.search import refresh_search_vectors
from tests.factories.members import OrganisationFactory, OrganisationMemberFactory, SectorFactory


class PostFactory(factory.django.DjangoModelFactory):
    """A published offer, on the board for another month, written by an administrator of its company.

    `sectors` and `regions` take lists; by default the post gets one new sector and targets all of Morocco."""

    organisation = factory.SubFactory(OrganisationFactory)
    author = factory.LazyAttribute(
        lambda o: OrganisationMemberFactory(organisation=o.organisation, role=Role.ADMIN).user
    )
    kind = Post.Kind.OFFER
    category = Post.Category.SUBCONTRACTING
    title = factory.Sequence(lambda n: f"Offre de sous-traitance n° {n}")
    description = "Usinage de pièces mécaniques en petites séries pour l'industrie."
    partner_profile = "Industriels de la région de Casablanca."
    language = "fr"
    visibility = Post.Visibility.MEMBERS
    status = Post.Status.PUBLISHED
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)
    keywords = factory.LazyAttribute(lambda o: keywords_field(o.title, o.description, o.partner_profile))

    class Meta:
        model = Post
        skip_postgeneration_save = True

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create:
            self.sectors.set(extracted if extracted is not None else [SectorFactory()])

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            PostRegion.objects.bulk_create([PostRegion(post=self, region=region) for region in extracted])

    @factory.post_generation
    def search_vector(self, create, extracted, **kwargs):
        if create:
            refresh_search_vectors(Post.objects.filter(pk=self.pk))


class ConversationFactory(factory.django.DjangoModelFactory):
    post = factory.SubFactory(PostFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    started_by = factory.LazyAttribute(lambda o: OrganisationMemberFactory(organisation=o.organisation).user)
    last_message_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Conversation


class MessageFactory(factory.django.DjangoModelFactory):
    conversation = factory.SubFactory(ConversationFactory)
    organisation = factory.LazyAttribute(lambda o: o.conversation.organisation)
    sender = factory.LazyAttribute(lambda o: o.conversation.started_by)
    body = "Bonjour, votre offre nous intéresse."

    class Meta:
        model = Message
