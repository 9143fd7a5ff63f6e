"""core.models.StagedImport and core.staged_import: upload, dry run, apply once, for every staged import."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import ngettext, override

from members.import_views import MemberImportViewSet
from members.models import MemberImport
from payments.models import BankStatementImport, Order
from payments.viewsets import ReconciliationViewSet
from tests.factories.accounts import StaffUserFactory, login_with_mfa
from tests.factories.members import MemberUserFactory
from tests.factories.payments import make_order

pytestmark = pytest.mark.django_db


def test_a_staged_import_keeps_a_long_file_name_cut_to_its_field():
    staged = BankStatementImport.stage(filename="relevé-" + "x" * 300 + ".csv", by=None, rows=[])
    assert len(staged.filename) == 255
    assert staged.filename.startswith("relevé-")
    assert not staged.is_applied


def test_marking_applied_records_who_and_when_and_the_rewritten_rows():
    person = MemberUserFactory()
    staged = MemberImport.stage(filename="membres.csv", by=person, rows=[{"line": 2}], report=[])
    staged.rows = [{"line": 2, "done": True}]
    staged.mark_applied(by=person)
    staged.refresh_from_db()
    assert staged.is_applied and staged.applied_by == person
    assert staged.rows == [{"line": 2, "done": True}]


@pytest.mark.parametrize("viewset", [MemberImportViewSet, ReconciliationViewSet])
def test_the_menu_item_is_shown_only_to_holders_of_the_permission(viewset, admin_user):
    item = viewset().menu_item_class("Import", "/admin/import/")
    request = RequestFactory().get("/admin/")
    request.user = AnonymousUser()
    assert not item.is_shown(request)
    request.user = MemberUserFactory(is_staff=True)
    assert not item.is_shown(request)
    request.user = admin_user
    assert item.is_shown(request)


def test_applying_twice_shows_the_refusal_on_the_next_page_and_pays_once(client):
    admin_client = login_with_mfa(client, StaffUserFactory())
    order = make_order()
    csv = f"Date;Libellé;Montant\n03/02/2026;VIR {order.reference};5 000,00\n".encode()
    upload = admin_client.post(
        reverse("payments_reconciliation:index"), {"statement": SimpleUploadedFile("releve.csv", csv)}
    )
    preview_url = upload["Location"]
    first = admin_client.post(preview_url, follow=True)
    with override("fr"):
        paid = ngettext("%(count)d order marked as paid.", "%(count)d orders marked as paid.", 1) % {"count": 1}
    assert paid in first.content.decode()
    second = admin_client.post(preview_url, follow=True)
    assert "Ce relevé bancaire a déjà été appliqué." in second.content.decode()
    assert Order.objects.get(pk=order.pk).payments.count() == 1
