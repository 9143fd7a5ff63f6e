"""Board messages reach a person at the other company, else its contact address (which the e-mail says), else the
sender is told before sending and the secretariat after (members.recipients)."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from cms.models import AssociationSettings
from core.branding import association_branding
from members.models import Role
from partnerships.models import Conversation
from tests.factories.members import MemberUserFactory, OrganisationFactory
from tests.factories.partnerships import PostFactory
from tests.i18n import fr, fr_block

from .conftest import person

pytestmark = pytest.mark.django_db

BODY = "Nous avons une ligne d'anodisation qualifiée."


@pytest.fixture
def imported(db):
    """A company from the member-list import: nobody has an account, one general address."""
    return OrganisationFactory(
        legal_name="Dar Data SARL", trade_name="Dar Data", contact_email="contact@dardata.example.ma"
    )


@pytest.fixture
def silent(db):
    """Nobody has an account, and no contact address."""
    return OrganisationFactory(legal_name="Kasbah Games SARL", trade_name="Kasbah Games", contact_email="")


def post_of(company, title):
    return PostFactory(organisation=company, author=None, title=title)


@pytest.fixture
def secretariat(db):
    """Someone who may change companies, and so give one a way to be reached."""
    user = MemberUserFactory(email="secretariat@astec.example.ma")
    user.user_permissions.add(Permission.objects.get(codename="change_organisation", content_type__app_label="members"))
    return user


@pytest.fixture
def association(db):
    from wagtail.models import Site

    AssociationSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"name": "ASTEC", "email": "contact@astec.example.ma"}
    )


def express_interest(client, post):
    return client.post(reverse("partnerships:express_interest", args=[post.pk]), {"body": BODY}, follow=True)


def test_the_sender_is_told_before_sending_that_the_contact_address_will_get_it(client, alice, imported):
    post = post_of(imported, "Hébergement de nos plateformes de test")
    client.force_login(alice)

    page = client.get(reverse("partnerships:post_detail", args=[post.pk])).content.decode()

    assert 'id="reach-notice"' in page
    assert (
        fr_block(
            "Nobody at %(company)s has an account yet: we will write to <bdi>%(address)s</bdi>, the company's contact "
            "address, "
            "and tell them how to answer on the site.",
            company="Dar Data",
            address="contact@dardata.example.ma",
        ).replace("Dar Data", "<bdi>Dar Data</bdi>", 1)
        in page
    )


def test_interest_in_a_post_of_a_company_with_no_people_reaches_its_contact_address(
    client, alice, imported, association
):
    post = post_of(imported, "Hébergement de nos plateformes de test")
    client.force_login(alice)

    response = express_interest(client, post)

    assert [message.to for message in mail.outbox] == [["contact@dardata.example.ma"]]
    email = mail.outbox[0]
    assert BODY in email.body
    assert (
        fr(
            "You receive this e-mail as the contact address of %(company)s: nobody at %(company)s has an account on "
            "%(site_name)s yet.",
            company="Dar Data",
            site_name=association_branding().name,
        )
        in email.body
    )
    assert "contact@astec.example.ma" in email.body  # whom to ask for an account
    assert email.reply_to == ["contact@astec.example.ma"]
    html = email.alternatives[0][0]
    assert "Dar Data" in html and "contact@astec.example.ma" in html
    assert fr(
        "Your message is sent to %(address)s, the contact address of %(company)s: nobody there has an account yet. "
        "You will find the answers in your inbox.",
        address="contact@dardata.example.ma",
        company="Dar Data",
    ) in response.content.decode().replace("&#x27;", "'")


def test_people_with_an_account_get_it_and_the_contact_address_does_not(client, alice, imported):
    someone = person(imported, Role.MEMBER, email="salma@dardata.example.ma")
    post = post_of(imported, "Hébergement de nos plateformes de test")
    client.force_login(alice)

    page = client.get(reverse("partnerships:post_detail", args=[post.pk])).content.decode()
    express_interest(client, post)

    assert 'id="reach-notice"' not in page
    assert [message.to for message in mail.outbox] == [[someone.email]]
    assert "contact@" not in mail.outbox[0].body


def test_a_company_that_cannot_be_reached_is_announced_on_the_page_and_the_secretariat_is_told(
    client, alice, silent, secretariat
):
    post = post_of(silent, "Maintenance de centrales solaires")
    client.force_login(alice)

    page = client.get(reverse("partnerships:post_detail", args=[post.pk])).content.decode()
    response = express_interest(client, post)

    assert (
        fr_block(
            "%(company)s cannot be reached by e-mail: nobody there has an account and we have no contact address.",
            company="Kasbah Games",
        ).replace("Kasbah Games", "<bdi>Kasbah Games</bdi>")
        in page
    )
    assert (
        fr_block(
            "Your message will wait on the site, and the secretariat will be told so that it finds someone there to "
            "read it."
        )
        in page
    )
    conversation = Conversation.objects.get()
    assert conversation.messages.get().body == BODY  # kept for whoever joins the company
    assert [message.to for message in mail.outbox] == [[secretariat.email]]
    told = mail.outbox[0]
    assert "Kasbah Games" in told.subject and "Maintenance de centrales solaires" in told.subject
    assert "http://testserver" + reverse("members_organisations:edit", args=[silent.pk]) in told.body
    assert BODY not in told.body and "Atlas" not in told.body  # the message stays private to the two companies
    assert fr(
        "Your message is kept in the conversation, but %(company)s cannot be reached by e-mail for now: the "
        "secretariat has been told, so that it finds someone there to read it.",
        company="Kasbah Games",
    ) in response.content.decode().replace("&#x27;", "'")


def test_once_someone_at_the_company_has_an_account_the_next_message_reaches_them(client, alice, silent, secretariat):
    post = post_of(silent, "Maintenance de centrales solaires")
    client.force_login(alice)
    express_interest(client, post)
    conversation = Conversation.objects.get()
    someone = person(silent, Role.ADMIN, email="yassine@kasbah.example.ma")
    mail.outbox.clear()

    page = client.get(reverse("partnerships:conversation", args=[conversation.pk])).content.decode()
    client.post(
        reverse("partnerships:conversation", args=[conversation.pk]), {"body": "Avez-vous reçu notre message ?"}
    )

    assert 'id="reach-notice"' not in page
    assert [message.to for message in mail.outbox] == [[someone.email]]


def test_the_conversation_page_says_where_the_next_message_goes(client, alice, imported):
    post = post_of(imported, "Hébergement de nos plateformes de test")
    client.force_login(alice)
    express_interest(client, post)
    conversation = Conversation.objects.get()

    page = client.get(reverse("partnerships:conversation", args=[conversation.pk])).content.decode()

    assert 'id="reach-notice"' in page and "contact@dardata.example.ma" in page


def test_the_secretariat_is_told_in_its_own_language(client, alice, silent, secretariat):
    secretariat.preferred_language = "en"
    secretariat.save()
    post = post_of(silent, "Maintenance de centrales solaires")
    client.force_login(alice)

    express_interest(client, post)

    assert mail.outbox[0].subject == "A board message cannot reach Kasbah Games: Maintenance de centrales solaires"
    assert "Nobody there has an account, and it has no contact address." in mail.outbox[0].body
