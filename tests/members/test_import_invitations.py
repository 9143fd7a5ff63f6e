"""People an import creates are invited by e-mail in their language, and not subscribed to optional topics
until they consent (law 09-08)."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.translation import get_language_info, gettext, ngettext, override

from members.communications.services import announcement_send
from members.imports import member_import_apply, member_import_preview
from members.models import Delivery, EmailPreferences, MemberImport, Membership, Role, Topic, User
from members.services.emails import SUBJECTS
from tests.factories.accounts import StaffUserFactory
from tests.factories.communications import AnnouncementFactory
from tests.factories.members import MemberUserFactory, OrganisationMemberFactory, SectorFactory
from tests.factories.memberships import MembershipFactory, MembershipPlanFactory
from tests.members.test_admin import secretary  # noqa: F401

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nouveau-Mot-de-passe-2026"

CSV = (
    "Raison sociale;ICE;Ville;Secteurs;Formule;Payé jusqu'au;E-mail;Prénom;Nom;Rôle;Langue\n"
    "Atlas Logiciels SARL;001234567000062;Fès;Informatique;Adhésion PME;31/12/2099;"
    "nadia@atlas.ma;Nadia;Benali;admin;العربية\n"
    "Atlas Logiciels SARL;001234567000062;Fès;Informatique;Adhésion PME;31/12/2099;"
    "karim@atlas.ma;Karim;Tazi;membre;anglais\n"
    "Souss Data SA;;Agadir;;Adhésion PME;31/12/2099;youssef@soussdata.ma;Youssef;Amrani;;\n"
)

DRY_RUN = (
    "%(counter)s person will be invited by e-mail (in their language) to choose a password, and will not be "
    "subscribed to optional announcements until they consent.",
    "%(counter)s people will be invited by e-mail (in their language) to choose a password, and will not be "
    "subscribed to optional announcements until they consent.",
)
APPLIED = (
    "%(count)d person invited by e-mail (in their language), not subscribed to optional announcements until "
    "they consent.",
    "%(count)d people invited by e-mail (in their language), not subscribed to optional announcements until "
    "they consent.",
)


@pytest.fixture(autouse=True)
def reference_data(db):
    SectorFactory(name="Informatique")
    return MembershipPlanFactory(name="Adhésion PME")


def in_french(singular_plural, number, **params) -> str:
    with override("fr"):
        return ngettext(*singular_plural, number) % params


def apply(content: str, capture) -> MemberImport:
    member_import = member_import_preview(filename="membres.csv", content=content.encode(), by=None)
    with capture(execute=True):
        return member_import_apply(member_import=member_import, by=None)


def email_to(address: str):
    [message] = [message for message in mail.outbox if message.to == [address]]
    return message


def welcome_link(message) -> str:
    match = re.search(r"http://testserver(\S*/accounts/password/reset/key/\S+)", message.body)
    assert match, message.body
    return match.group(1)


# --- The dry run -----------------------------------------------------------------------------------------------


def test_the_dry_run_sends_nothing_and_says_how_many_will_be_invited(client, secretary):  # noqa: F811
    response = client.post(reverse("members_import:index"), {"members_file": SimpleUploadedFile("m.csv", CSV.encode())})

    page = client.get(response.url).content.decode()

    assert in_french(DRY_RUN, 3, counter=3) in page
    with override("fr"):
        arabic = gettext("welcome e-mail in %(language)s") % {"language": get_language_info("ar")["name_translated"]}
    assert arabic in page
    assert mail.outbox == []
    assert not User.objects.filter(email="nadia@atlas.ma").exists()


def test_the_dry_run_does_not_count_people_who_already_have_an_account():
    MemberUserFactory(email="karim@atlas.ma")

    member_import = member_import_preview(filename="m.csv", content=CSV.encode(), by=None)

    assert member_import.invited_count == 2
    assert [line["invited"] for line in member_import.report] == ["ar", "", "fr"]
    assert mail.outbox == []


def test_an_unknown_language_is_reported_on_its_line():
    member_import = member_import_preview(
        filename="m.csv", content=(CSV + "Casa Cloud;;;;;;salma@casa.ma;Salma;;;klingon\n").encode(), by=None
    )

    assert [line["line"] for line in member_import.report if line["errors"]] == [5]
    assert "klingon" in member_import.report[-1]["errors"][0]


# --- Applying ------------------------------------------------------------------------------------------------


def test_applying_sends_one_email_per_new_person_in_their_language(django_capture_on_commit_callbacks):
    apply(CSV, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "karim@atlas.ma",
        "nadia@atlas.ma",
        "youssef@soussdata.ma",
    ]
    for address, language, prefix in (
        ("nadia@atlas.ma", "ar", "/ar/"),
        ("karim@atlas.ma", "en", "/en/"),
        ("youssef@soussdata.ma", "fr", "/"),
    ):
        message = email_to(address)
        html = message.alternatives[0].content
        with override(language):
            assert message.subject == gettext(SUBJECTS["import_welcome"]) % {"site": settings.WAGTAIL_SITE_NAME}
            assert gettext("Hello,") in html
        assert f'lang="{language}"' in html
        assert welcome_link(message).startswith(f"{prefix}accounts/password/reset/key/")
        assert User.objects.get(email=address).preferred_language == language
    assert 'dir="rtl"' in email_to("nadia@atlas.ma").alternatives[0].content


def test_the_applied_import_says_who_was_invited(client, secretary, django_capture_on_commit_callbacks):  # noqa: F811
    response = client.post(reverse("members_import:index"), {"members_file": SimpleUploadedFile("m.csv", CSV.encode())})

    with django_capture_on_commit_callbacks(execute=True):
        applied = client.post(response.url, follow=True)

    assert in_french(APPLIED, 3, count=3) in applied.content.decode()
    assert len(mail.outbox) == 3


def test_the_link_lets_the_person_choose_a_password_and_log_in_in_their_language(django_capture_on_commit_callbacks):
    apply(CSV, django_capture_on_commit_callbacks)
    client = Client()

    form_page = client.get(welcome_link(email_to("nadia@atlas.ma")), follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    assert set_password_url.startswith("/ar/") and form_page.status_code == 200
    done = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302 and done.url.startswith("/ar/")

    login = client.post(reverse("account_login"), {"login": "nadia@atlas.ma", "password": NEW_PASSWORD})

    assert login.status_code == 302 and login.url == "/ar/my-space/"
    assert client.session["_auth_user_id"] == str(User.objects.get(email="nadia@atlas.ma").pk)
    # The link works once: it is spent now that the password is set.
    assert Client().get(welcome_link(email_to("nadia@atlas.ma"))).status_code == 404


def test_people_who_already_had_an_account_are_not_re_invited(django_capture_on_commit_callbacks):
    karim = MemberUserFactory(email="karim@atlas.ma")

    member_import = apply(CSV, django_capture_on_commit_callbacks)

    assert member_import.invited_count == 2
    assert "karim@atlas.ma" not in [message.to[0] for message in mail.outbox]
    assert len(mail.outbox) == 2
    # Their account keeps its choices: the import does not turn their announcements off.
    assert not EmailPreferences.objects.filter(user=karim).exists()
    assert karim.organisation_memberships.exists()


def test_importing_again_invites_nobody(django_capture_on_commit_callbacks):
    apply(CSV, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    member_import = apply(CSV, django_capture_on_commit_callbacks)

    assert member_import.invited_count == 0
    assert mail.outbox == []


def test_one_refused_address_does_not_stop_the_others(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.mail_backends.RefusingBackend"
    refused = CSV.replace("nadia@atlas.ma", "refus@atlas.ma")

    apply(refused, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == ["karim@atlas.ma", "youssef@soussdata.ma"]
    assert User.objects.filter(email="refus@atlas.ma").exists()


# --- Consent to optional announcements -----------------------------------------------------------------------


def send_announcement(topic, capture):
    announcement = AnnouncementFactory(topic=topic)
    with capture(execute=True):
        announcement_send(announcement=announcement, by=StaffUserFactory(is_superuser=True))
    return announcement


def reached(announcement) -> set[str]:
    return set(announcement.deliveries.filter(status=Delivery.Status.SENT).values_list("email", flat=True))


def test_an_imported_person_gets_optional_announcements_only_once_they_opt_in(django_capture_on_commit_callbacks):
    apply(CSV, django_capture_on_commit_callbacks)
    atlas = User.objects.get(email="nadia@atlas.ma").organisation_memberships.get().organisation
    MembershipFactory(organisation=atlas, status=Membership.Status.ACTIVE)
    colleague = OrganisationMemberFactory(organisation=atlas, role=Role.MEMBER).user  # not imported
    mail.outbox.clear()

    events = send_announcement(Topic.EVENTS, django_capture_on_commit_callbacks)
    general = send_announcement(Topic.GENERAL, django_capture_on_commit_callbacks)

    assert "nadia@atlas.ma" not in reached(events) and colleague.email in reached(events)
    skipped = events.deliveries.get(email="nadia@atlas.ma")
    assert (skipped.status, skipped.skip_reason) == (Delivery.Status.SKIPPED, Delivery.SkipReason.OPTED_OUT)
    # General announcements from the secretariat reach every member, as the preferences page says.
    assert "nadia@atlas.ma" in reached(general)

    client = Client()
    client.force_login(User.objects.get(email="nadia@atlas.ma"))
    preferences = client.get(reverse("members:email_preferences"))
    assert not any(preferences.context["form"].initial.values())
    client.post(reverse("members:email_preferences"), {"event_announcements": "on"})

    assert "nadia@atlas.ma" in reached(send_announcement(Topic.EVENTS, django_capture_on_commit_callbacks))
    assert "nadia@atlas.ma" not in reached(send_announcement(Topic.NEWS_DIGEST, django_capture_on_commit_callbacks))
