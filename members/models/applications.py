from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class MembershipApplicationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=MembershipApplication.Status.PENDING)


class MembershipApplication(models.Model):
    """A company's request to join, reviewed by the secretariat."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="applications", verbose_name=_("organisation")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="membership_applications",
        verbose_name=_("applicant"),
    )
    plan = models.ForeignKey(
        "members.MembershipPlan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("membership plan"),
    )
    motivation = models.TextField(_("why the company wants to join"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_message = models.TextField(_("message to the applicant"), blank=True)

    objects = MembershipApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["status", "-submitted_at"])]

    def __str__(self):
        return str(self.organisation)

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
