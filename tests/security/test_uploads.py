"""Files that members and visitors upload are checked for what they are, not for what their name claims, and for
their size: the form says what is wrong and nothing is saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from members.models import Organisation
from partnerships.models import Post
from payments.models import TransferReceipt
from tests.factories.members import AdminFactory
from tests.factories.partnerships import PostFactory
from tests.factories.payments import make_order

pytestmark = pytest.mark.django_db

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
PHP = b"<?php system($_GET['cmd']); ?>"


def image_bytes(fmt: str, size=(8, 8)) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, "white").save(out, fmt)
    return out.getvalue()


# The company logo (my space › company profile).


@pytest.fixture
def company_admin(client):
    admin = AdminFactory()
    client.force_login(admin.user)
    return admin


def profile_data(client, company) -> dict:
    form = client.get(f"/my-space/companies/{company.slug}/").context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or name == "logo_file":
            continue
        data[name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    return data


def upload_logo(client, company, name, content):
    data = profile_data(client, company)
    data["logo_file"] = SimpleUploadedFile(name, content)
    return client.post(f"/my-space/companies/{company.slug}/", data)


def test_a_real_png_logo_is_kept(client, company_admin):
    company = company_admin.organisation

    response = upload_logo(client, company, "logo.png", image_bytes("PNG"))

    assert response.status_code == 302
    assert Organisation.objects.get(pk=company.pk).logo is not None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", HTML),  # a web page named .png
        ("logo.png", PHP),
        ("logo.jpg", b"%PDF-1.4\n%%EOF\n"),
        ("logo.gif", image_bytes("GIF")),  # a real image, not one of the formats the form announces
        ("logo.tiff", image_bytes("TIFF")),
        ("logo.png", image_bytes("BMP")),  # a bitmap named .png
        ("logo.png", image_bytes("JPEG")),  # a JPEG named .png
    ],
)
def test_a_logo_that_is_not_what_it_claims_is_refused(client, company_admin, name, content):
    company = company_admin.organisation

    response = upload_logo(client, company, name, content)

    assert response.status_code == 200
    assert response.context["form"].errors["logo_file"]
    assert Organisation.objects.get(pk=company.pk).logo is None
    assert not get_image_model().objects.exists()


def test_a_logo_over_10_mb_is_refused(client, company_admin):
    company = company_admin.organisation
    big = image_bytes("PNG") + b"\x00" * (10 * 1024 * 1024)

    response = upload_logo(client, company, "logo.png", big)

    assert response.status_code == 200
    assert "10" in " ".join(response.context["form"].errors["logo_file"])
    assert not get_image_model().objects.exists()


# The bank-transfer receipt (an order's payment page).


@pytest.mark.parametrize(
    ("name", "content"),
    [("virement.png", HTML), ("virement.pdf", PHP), ("virement.jpg", image_bytes("GIF")), ("virement.html", HTML)],
)
def test_a_receipt_that_is_not_what_it_claims_is_refused(client, name, content):
    order = make_order()
    client.force_login(order.buyer_user)

    response = client.post(
        f"/payments/orders/{order.public_id}/transfer/", {"receipt": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["receipt"]
    assert not TransferReceipt.objects.exists()


# The board post's attachment.


@pytest.mark.parametrize(
    ("name", "content"),
    [("brochure.pdf", HTML), ("brochure.pdf", PHP), ("brochure.pdf", image_bytes("PNG"))],
)
def test_an_attachment_that_is_not_a_pdf_is_refused(client, name, content):
    post = PostFactory(status=Post.Status.DRAFT)
    client.force_login(post.author)
    form = client.get(f"/board/{post.pk}/edit/").context["form"]
    data = {}
    for field_name in form.fields:
        value = form[field_name].value()
        if value is None or field_name in ("attachment_file", "remove_attachment"):
            continue
        data[field_name] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    if hasattr(data.get("expires_on"), "isoformat"):
        data["expires_on"] = data["expires_on"].isoformat()
    data["attachment_file"] = SimpleUploadedFile(name, content, content_type="application/pdf")

    response = client.post(f"/board/{post.pk}/edit/", data)

    assert response.status_code in (200, 400)
    assert response.context["form"].errors["attachment_file"]
    post.refresh_from_db()
    assert not post.attachment
