"""A company's posts belong to it: no URL lets another company, a lapsed one or a visitor see its drafts or
change its posts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import Post
from tests.factories.partnerships import PostFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def manage_urls(pk):
    return [
        ("get", reverse("partnerships:post_edit", args=[pk])),
        ("post", reverse("partnerships:post_edit", args=[pk])),
        ("post", reverse("partnerships:post_submit", args=[pk])),
        ("post", reverse("partnerships:post_renew", args=[pk])),
        ("get", reverse("partnerships:post_close", args=[pk])),
        ("post", reverse("partnerships:post_close", args=[pk])),
    ]


@pytest.fixture
def draft_a(company_a, alice, automotive):
    post = PostFactory(
        organisation=company_a, author=alice, status=Post.Status.DRAFT, published_at=None, sectors=[automotive]
    )
    post.attachment.save("plan.pdf", SimpleUploadedFile("plan.pdf", PDF))
    post.attachment_name = "plan.pdf"
    post.save()
    return post


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "expired", "closed"])
def test_another_company_cannot_see_a_post_that_is_not_on_the_board(client, company_a, alice, bruno, status):
    post = PostFactory(organisation=company_a, author=alice, status=status)
    client.force_login(bruno)

    assert client.get(reverse("partnerships:post_detail", args=[post.pk])).status_code == 404
    assert client.get(reverse("partnerships:attachment", args=[post.pk])).status_code == 404
    assert post.title not in client.get(reverse("partnerships:board")).content.decode()
    assert post.title not in client.get(reverse("partnerships:my_posts")).content.decode()


def test_another_company_cannot_change_a_draft_through_any_url(client, draft_a, bruno):
    client.force_login(bruno)

    for method, url in manage_urls(draft_a.pk):
        assert getattr(client, method)(url, {"outcome": "found_here", "title": "Piraté"}).status_code == 404, url

    draft_a.refresh_from_db()
    assert draft_a.status == Post.Status.DRAFT and draft_a.title != "Piraté"


def test_another_company_reads_a_published_post_but_cannot_change_it(client, post_a, bruno):
    client.force_login(bruno)

    assert client.get(reverse("partnerships:post_detail", args=[post_a.pk])).status_code == 200
    for method, url in manage_urls(post_a.pk):
        assert getattr(client, method)(url, {"outcome": "found_here"}).status_code == 404, url
    post_a.refresh_from_db()
    assert post_a.status == Post.Status.PUBLISHED


def test_a_colleague_sees_the_companys_draft(client, draft_a, amine):
    client.force_login(amine)

    assert client.get(reverse("partnerships:post_detail", args=[draft_a.pk])).status_code == 200
    download = client.get(reverse("partnerships:attachment", args=[draft_a.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert draft_a.title in client.get(reverse("partnerships:my_posts")).content.decode()


def test_visitors_are_sent_to_log_in_for_every_company_page(client, draft_a):
    for method, url in manage_urls(draft_a.pk) + [("get", reverse("partnerships:my_posts"))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login")), url


def test_unknown_post_answers_404_not_500(client, bruno):
    client.force_login(bruno)

    assert client.get(reverse("partnerships:post_detail", args=[999999])).status_code == 404
    assert client.post(reverse("partnerships:post_close", args=[999999])).status_code == 404
