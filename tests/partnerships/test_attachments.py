"""A post may carry one PDF; its content is checked, not its name."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Post

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def submit(client, sector, upload):
    return client.post(
        reverse("partnerships:post_create"),
        {
            "kind": "offer",
            "category": "technology",
            "title": "Brochure jointe",
            "sectors": [sector.pk],
            "description": "Voir la brochure.",
            "language": "fr",
            "visibility": "public",
            "expires_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
            "attachment_file": upload,
            "submit": "1",
        },
    )


def test_a_real_pdf_is_kept_and_members_download_it(client, alice, bruno, automotive):
    client.force_login(alice)
    submit(client, automotive, SimpleUploadedFile("brochure.pdf", PDF, content_type="application/pdf"))
    post = Post.objects.get()
    post.status = Post.Status.PUBLISHED
    post.save()

    client.force_login(bruno)
    response = client.get(reverse("partnerships:attachment", args=[post.pk]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="brochure.pdf"' in response["Content-Disposition"]
    client.logout()
    assert client.get(reverse("partnerships:attachment", args=[post.pk])).status_code == 404  # public teaser


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("photo.pdf", PNG, content_type="application/pdf"),  # not what it claims
        SimpleUploadedFile("brochure.docx", PDF, content_type="application/pdf"),
        SimpleUploadedFile("script.pdf", PDF.replace(b"/Catalog", b"/Catalog /OpenAction << /S /JavaScript >>")),
        SimpleUploadedFile("big.pdf", PDF + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n"),
    ],
    ids=["png-named-pdf", "wrong-extension", "javascript", "over-5-mb"],
)
def test_anything_but_a_plain_pdf_of_5_mb_is_refused_with_a_message(client, alice, automotive, upload):
    client.force_login(alice)

    response = submit(client, automotive, upload)

    assert response.status_code == 400
    assert response.context["form"].errors["attachment_file"]
    assert not Post.objects.exists()


def test_the_author_removes_the_attachment(client, alice, automotive):
    client.force_login(alice)
    submit(client, automotive, SimpleUploadedFile("brochure.pdf", PDF))
    post = Post.objects.get()
    post.status = Post.Status.DRAFT
    post.save()

    client.post(
        reverse("partnerships:post_edit", args=[post.pk]),
        {
            "kind": "offer",
            "category": "technology",
            "title": "Brochure jointe",
            "sectors": [automotive.pk],
            "description": "Voir la brochure.",
            "language": "fr",
            "visibility": "public",
            "expires_on": post.expires_on.isoformat(),
            "remove_attachment": "on",
            "save": "1",
        },
    )

    post.refresh_from_db()
    assert not post.attachment and post.attachment_name == ""
