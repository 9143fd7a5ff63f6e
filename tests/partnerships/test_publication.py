"""Writing a post, the secretariat's review, and the author's company keeping it up to date."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from partnerships import services
from partnerships.models import Post
from tests.factories.partnerships import PostFactory
from tests.partnerships.conftest import person

pytestmark = pytest.mark.django_db


def service_data(**overrides):
    """What a valid form hands to the services."""
    return {
        "kind": "offer",
        "category": "subcontracting",
        "title": "Capacité d'injection plastique disponible",
        "description": "Presses de 250 tonnes disponibles au second semestre.",
        "expires_on": timezone.localdate() + dt.timedelta(days=60),
        **overrides,
    }


def form_data(sector, **overrides):
    data = {
        "kind": "offer",
        "category": "subcontracting",
        "title": "Capacité d'injection plastique disponible",
        "sectors": [sector.pk],
        "regions": ["rabat-sale-kenitra"],
        "countries": "France",
        "description": "Presses de 250 tonnes disponibles au second semestre.",
        "partner_profile": "Équipementiers automobiles.",
        "language": "fr",
        "visibility": "members",
        "expires_on": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
    }
    data.update(overrides)
    return data


def test_member_saves_a_draft_that_only_their_company_sees(client, company_a, amine, automotive):
    client.force_login(amine)

    response = client.post(reverse("partnerships:post_create"), form_data(automotive, save="1"))

    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("partnerships:post_detail", args=[post.pk])
    assert post.status == Post.Status.DRAFT
    assert post.organisation == company_a and post.author == amine
    assert post.region_values == ["rabat-sale-kenitra"] and list(post.sectors.all()) == [automotive]
    assert mail.outbox == []


def test_submitting_sends_the_post_to_the_secretariat_for_review(client, secretary, amine, automotive):
    client.force_login(amine)

    client.post(reverse("partnerships:post_create"), form_data(automotive, submit="1"))

    post = Post.objects.get()
    assert post.status == Post.Status.SUBMITTED and post.submitted_at is not None
    assert [message.to for message in mail.outbox] == [[secretary.email]]
    assert reverse("partnerships_review:edit", args=[post.pk]) in mail.outbox[0].body


def test_a_draft_is_submitted_later_from_its_page(client, alice, company_a):
    draft = PostFactory(organisation=company_a, author=alice, status=Post.Status.DRAFT, published_at=None)
    client.force_login(alice)

    response = client.post(reverse("partnerships:post_submit", args=[draft.pk]))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Post.Status.SUBMITTED


def test_lapsed_company_cannot_post(client, lapsed_person, automotive):
    client.force_login(lapsed_person)

    page = client.get(reverse("partnerships:post_create"))
    attempt = client.post(reverse("partnerships:post_create"), form_data(automotive, submit="1"))

    assert page.status_code == 403 and attempt.status_code == 403
    assert not Post.objects.exists()
    company = lapsed_person.organisation_memberships.get().organisation
    with pytest.raises(services.NotActiveMember):
        services.post_create(organisation=company, author=lapsed_person, data=service_data(), sectors=[automotive])


def test_person_without_a_company_cannot_post(client, outsider):
    client.force_login(outsider)

    assert client.get(reverse("partnerships:post_create")).status_code == 403


def test_invalid_form_keeps_what_was_typed_and_answers_400(client, amine, automotive):
    client.force_login(amine)
    too_late = (timezone.localdate() + dt.timedelta(days=400)).isoformat()

    response = client.post(
        reverse("partnerships:post_create"), form_data(automotive, expires_on=too_late, title="Moules à injection")
    )

    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"expires_on"}
    assert 'value="Moules à injection"' in response.content.decode()
    assert not Post.objects.exists()


def test_a_post_needs_a_sector(client, amine, automotive):
    client.force_login(amine)

    response = client.post(reverse("partnerships:post_create"), form_data(automotive, sectors=[]))

    assert response.status_code == 400 and "sectors" in response.context["form"].errors


def test_secretariat_approves_and_the_author_is_told_in_their_language(client, secretary, company_a, automotive):
    author = person(company_a, email="nadia@atlas-composants.example.ma", preferred_language="en")
    post = PostFactory(organisation=company_a, author=author, status=Post.Status.SUBMITTED, published_at=None)

    response = client.post(
        reverse("partnerships_review:edit", args=[post.pk]), {"decision": "approve", "message": "Bienvenue !"}
    )

    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post.reviewed_by == secretary and post.published_at
    assert [message.to for message in mail.outbox] == [[author.email]]
    assert mail.outbox[0].subject.startswith("Your post is on the board")
    assert "/en/board/" in mail.outbox[0].body


def test_secretariat_sends_a_post_back_and_the_author_reads_why(client, secretary, company_a, alice):
    post = PostFactory(organisation=company_a, author=alice, status=Post.Status.SUBMITTED, published_at=None)

    client.post(
        reverse("partnerships_review:edit", args=[post.pk]),
        {"decision": "return", "message": "Précisez les volumes annuels."},
    )

    post.refresh_from_db()
    assert post.status == Post.Status.RETURNED and post.review_message == "Précisez les volumes annuels."
    assert "Précisez les volumes annuels." in mail.outbox[0].body
    client.force_login(alice)
    assert (
        "Précisez les volumes annuels."
        in client.get(reverse("partnerships:post_detail", args=[post.pk])).content.decode()
    )


def test_sending_back_without_a_message_is_refused(client, secretary, company_a, alice):
    post = PostFactory(organisation=company_a, author=alice, status=Post.Status.SUBMITTED, published_at=None)

    response = client.post(reverse("partnerships_review:edit", args=[post.pk]), {"decision": "return", "message": ""})

    assert response.status_code == 200  # the form again, with the error
    post.refresh_from_db()
    assert post.status == Post.Status.SUBMITTED and mail.outbox == []


def test_every_step_is_logged_with_who_and_why(secretary, company_a, alice, automotive):
    post = services.post_create(
        organisation=company_a, author=alice, data=service_data(), sectors=[automotive], submit=True
    )
    services.post_return(post=post, by=secretary, message="Ajoutez un document.")
    services.post_submit(post=post, by=alice)
    services.post_approve(post=post, by=secretary)
    services.post_close(post=post, by=alice, outcome=Post.Outcome.FOUND_HERE)

    entries = list(ModelLogEntry.objects.for_instance(post).order_by("timestamp", "pk"))
    assert [(entry.action, entry.user_id) for entry in entries] == [
        ("partnerships.post_create", alice.pk),
        ("partnerships.post_submit", alice.pk),
        ("partnerships.post_return", secretary.pk),
        ("partnerships.post_submit", alice.pk),
        ("partnerships.post_approve", secretary.pk),
        ("partnerships.post_close", alice.pk),
    ]
    assert entries[2].data["message"] == "Ajoutez un document."
    assert entries[5].data["outcome"] == "found_here"


def test_author_closes_a_post_with_its_outcome_and_it_leaves_the_board(client, post_a, alice):
    client.force_login(alice)

    response = client.post(reverse("partnerships:post_close", args=[post_a.pk]), {"outcome": "found_elsewhere"})

    assert response.status_code == 302
    post_a.refresh_from_db()
    assert post_a.status == Post.Status.CLOSED and post_a.outcome == "found_elsewhere"
    assert post_a not in Post.objects.on_board()


def test_closing_without_an_outcome_answers_400(client, post_a, alice):
    client.force_login(alice)

    response = client.post(reverse("partnerships:post_close", args=[post_a.pk]), {"outcome": "because"})

    assert response.status_code == 400
    post_a.refresh_from_db()
    assert post_a.status == Post.Status.PUBLISHED


def test_colleague_who_did_not_write_the_post_cannot_change_it(client, post_a, amine):
    client.force_login(amine)

    assert client.get(reverse("partnerships:post_detail", args=[post_a.pk])).status_code == 200
    assert client.get(reverse("partnerships:post_edit", args=[post_a.pk])).status_code == 404
    assert client.post(reverse("partnerships:post_renew", args=[post_a.pk])).status_code == 404


def test_company_administrator_edits_a_colleagues_post(client, company_a, alice, amine, automotive):
    draft = PostFactory(organisation=company_a, author=amine, status=Post.Status.DRAFT, sectors=[automotive])
    client.force_login(alice)

    response = client.post(
        reverse("partnerships:post_edit", args=[draft.pk]), form_data(automotive, title="Titre revu", save="1")
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Titre revu" and draft.status == Post.Status.DRAFT


def test_changing_a_published_post_sends_it_back_to_review(client, post_a, alice, automotive):
    client.force_login(alice)

    client.post(
        reverse("partnerships:post_edit", args=[post_a.pk]), form_data(automotive, title="Nouveau titre", save="1")
    )

    post_a.refresh_from_db()
    assert post_a.title == "Nouveau titre"
    assert post_a.status == Post.Status.SUBMITTED
    assert post_a not in Post.objects.on_board()


def test_renewing_keeps_the_post_three_more_months(client, post_a, alice):
    post_a.expires_on = timezone.localdate() + dt.timedelta(days=2)
    post_a.save()
    client.force_login(alice)

    client.post(reverse("partnerships:post_renew", args=[post_a.pk]))

    post_a.refresh_from_db()
    assert post_a.expires_on == timezone.localdate() + dt.timedelta(days=91)
    assert ModelLogEntry.objects.for_instance(post_a).filter(action="partnerships.post_renew").exists()


def test_a_closed_post_cannot_be_edited(client, post_a, alice):
    services.post_close(post=post_a, by=alice, outcome="no_longer_needed")
    client.force_login(alice)

    response = client.get(reverse("partnerships:post_edit", args=[post_a.pk]))

    assert response.status_code == 302
    with pytest.raises(services.WrongStatus):
        services.post_update(post=post_a, by=alice, data={"title": "Encore"})
