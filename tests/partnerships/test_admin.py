"""The secretariat's "Board" menu: the review queue, every post with filters and exports, no private messages."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from partnerships import services
from partnerships.models import Post
from tests.factories.partnerships import PostFactory

pytestmark = pytest.mark.django_db


def listed(response) -> list[str]:
    return [str(post) for post in response.context["object_list"]]


def test_review_queue_lists_posts_awaiting_review_only(client, secretary, company_a, alice):
    PostFactory(organisation=company_a, author=alice, title="À relire", status=Post.Status.SUBMITTED)
    PostFactory(organisation=company_a, author=alice, title="Publiée")

    assert listed(client.get(reverse("partnerships_review:index"))) == ["À relire"]


def test_all_posts_filter_by_status_and_kind(client, secretary, company_a, alice):
    PostFactory(organisation=company_a, author=alice, title="Offre publiée", kind="offer")
    PostFactory(organisation=company_a, author=alice, title="Demande close", kind="request", status="closed")
    url = reverse("partnerships_posts:index")

    assert listed(client.get(url, {"status": "closed"})) == ["Demande close"]
    assert listed(client.get(url, {"kind": "offer"})) == ["Offre publiée"]


def test_export_counts_conversations_but_never_holds_their_messages(client, secretary, post_a, company_b, bruno):
    services.conversation_start(post=post_a, organisation=company_b, by=bruno, body="Message très confidentiel")
    url = reverse("partnerships_posts:index")

    csv = b"".join(client.get(url, {"export": "csv"}).streaming_content).decode()
    sheet = load_workbook(io.BytesIO(b"".join(client.get(url, {"export": "xlsx"}).streaming_content))).active
    page = client.get(reverse("partnerships_posts:edit", args=[post_a.pk])).content.decode()

    assert post_a.title in csv and "Atlas Composants" in csv and "automobile" in csv.lower()
    assert "confidentiel" not in csv and "confidentiel" not in page
    header = [cell.value for cell in sheet[1]]
    assert sheet.cell(row=2, column=header.index("Conversations") + 1).value == 1


def test_the_secretariat_cannot_create_posts_in_the_admin(client, secretary):
    assert client.get(reverse("partnerships_posts:add")).status_code in (302, 403)
    assert not Post.objects.exists()


def test_members_cannot_open_the_board_admin(client, alice):
    client.force_login(alice)

    response = client.get(reverse("partnerships_posts:index"))

    assert response.status_code in (302, 403)


def test_the_secretariat_downloads_the_attachment_of_a_post_under_review(client, secretary, company_a, alice):
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
    post = PostFactory(organisation=company_a, author=alice, status=Post.Status.SUBMITTED)
    post.attachment.save("fiche.pdf", SimpleUploadedFile("fiche.pdf", pdf))

    response = client.get(reverse("partnerships:attachment", args=[post.pk]))

    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf
