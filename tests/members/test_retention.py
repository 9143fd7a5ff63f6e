"""Rejected applications are deleted one year after the decision, as the privacy notice promises."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from members import services
from members.models import MembershipApplication, Organisation
from members.services.applications import purge_expired_applications
from tests.factories.members import MembershipApplicationFactory, MemberUserFactory, OrganisationMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(db):
    return MemberUserFactory(is_staff=True, is_superuser=True)


def decided(application, *, days_ago, minutes=0):
    MembershipApplication.objects.filter(pk=application.pk).update(
        decided_at=timezone.now() - timedelta(days=days_ago, minutes=minutes)
    )
    return application


def rejected(secretary, **kwargs):
    application = MembershipApplicationFactory(**kwargs)
    return services.application_reject(application=application, by=secretary, message="Hors périmètre.")


def test_application_rejected_a_year_and_a_minute_ago_is_deleted_with_its_company(secretary):
    application = decided(rejected(secretary), days_ago=365, minutes=1)

    assert services.applications_purge_expired() == 1

    assert not MembershipApplication.objects.filter(pk=application.pk).exists()
    assert not Organisation.objects.filter(pk=application.organisation_id).exists()


def test_application_rejected_a_minute_short_of_a_year_is_kept(secretary):
    application = decided(rejected(secretary), days_ago=364, minutes=60 * 24 - 1)

    assert services.applications_purge_expired() == 0

    assert MembershipApplication.objects.filter(pk=application.pk).exists()


def test_old_approved_and_pending_applications_are_kept(secretary):
    approved = MembershipApplicationFactory()
    services.application_approve(application=approved, by=secretary)
    decided(approved, days_ago=800)
    pending = MembershipApplicationFactory()
    MembershipApplication.objects.filter(pk=pending.pk).update(submitted_at=timezone.now() - timedelta(days=800))

    services.applications_purge_expired()

    assert MembershipApplication.objects.filter(pk__in=[approved.pk, pending.pk]).count() == 2
    assert Organisation.objects.filter(pk=approved.organisation_id).exists()


def test_company_that_has_people_is_kept_when_its_old_rejection_is_deleted(secretary):
    application = decided(rejected(secretary), days_ago=400)
    OrganisationMemberFactory(organisation=application.organisation)

    services.applications_purge_expired()

    assert not MembershipApplication.objects.filter(pk=application.pk).exists()
    assert Organisation.objects.filter(pk=application.organisation_id).exists()


def test_purge_erases_the_admin_history_of_what_it_deletes(secretary):
    application = decided(rejected(secretary), days_ago=400)

    services.applications_purge_expired()

    assert not ModelLogEntry.objects.filter(
        object_id=str(application.pk), action__startswith="members.application"
    ).exists()
    assert not ModelLogEntry.objects.filter(
        object_id=str(application.organisation_id), action="members.status_change"
    ).exists()


def test_purge_is_logged(secretary, caplog):
    decided(rejected(secretary), days_ago=400)

    with caplog.at_level("INFO", logger="members.services"):
        services.applications_purge_expired()

    assert "Purged 1 rejected application(s) older than 365 days." in caplog.text


def test_management_command_for_cron_reports_what_it_deleted(secretary, capsys):
    decided(rejected(secretary), days_ago=400)

    call_command("purge_expired_applications")

    assert "Deleted 1 rejected application(s)" in capsys.readouterr().out
    assert not MembershipApplication.objects.exists()


def test_background_task_deletes_expired_rejections(secretary):
    decided(rejected(secretary), days_ago=400)

    result = purge_expired_applications.enqueue()

    assert result.return_value == 1
    assert not MembershipApplication.objects.exists()
