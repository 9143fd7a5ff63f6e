"""The secretariat's "Members" menu in the Wagtail admin: companies, people, applications, sectors, notices.

Listings are filtered with django-filter and exportable (CSV/XLSX). Writes that carry a rule (membership status,
roles, the decision on an application) go through members.services, so the admin and the site behave alike.
"""

from dataclasses import dataclass
from functools import partial

import django_filters
from django.db import models
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.columns import LocalDateColumn, MoneyColumn, YesNoColumn
from core.exports import ExportIndexView, SpreadsheetExportMixin
from core.forms import MoneyFieldsMixin
from core.money import format_money
from core.views import domain_error_message, domain_error_to_form
from members import services
from members.decision_views import DecisionView
from members.dues import periods
from members.dues.selectors import period_rules, renewals_due
from members.forms import DecisionForm
from members.import_views import MemberImportViewSet
from members.models import (
    Audience,
    Consent,
    Membership,
    MembershipApplication,
    MembershipPlan,
    Organisation,
    OrganisationMember,
    PrivacyNotice,
    Region,
    Role,
    Sector,
    SizeBand,
)
from payments import conf as payments_conf

# --- Organisations -------------------------------------------------------------------------------------------


class OrganisationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Organisation.Status.choices)
    sectors = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all())
    region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices)
    size_band = django_filters.ChoiceFilter(label=_("Size"), choices=SizeBand.choices)

    class Meta:
        model = Organisation
        fields = ["status", "sectors", "region", "size_band", "directory_opt_in"]


class OrganisationIndexView(SpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("sectors")


class OrganisationEditView(generic.EditView):
    def save_instance(self):
        # The status goes through the service so that the people's "Members" group follows it.
        new_status = self.form.cleaned_data["status"]
        self.form.instance.status = Organisation.objects.values_list("status", flat=True).get(pk=self.object.pk)
        instance = super().save_instance()
        return services.organisation_set_status(organisation=instance, status=new_status, by=self.request.user)


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    index_view_class = OrganisationIndexView
    edit_view_class = OrganisationEditView
    list_display = [
        "display_name",
        "status",
        "city",
        "region",
        "size_band",
        LocalDateColumn("created_at", _("Created")),
    ]
    filterset_class = OrganisationFilterSet
    search_fields = ["legal_name", "trade_name", "ice", "city", "contact_email"]
    search_backend_name = None
    list_export = [
        "legal_name",
        "trade_name",
        "legal_form",
        "ice",
        "rc",
        "if_number",
        "sector_names",
        "size_band",
        "city",
        "region",
        "country",
        "website",
        "contact_email",
        "phone",
        "status",
        "directory_opt_in",
        "created_at",
    ]
    export_headings = {"sector_names": _("Sectors")}
    export_filename = "organisations"
    ordering = ["legal_name"]
    form_fields = [
        "legal_name",
        "trade_name",
        "slug",
        "legal_form",
        "ice",
        "rc",
        "if_number",
        "sectors",
        "size_band",
        "city",
        "region",
        "country",
        "website",
        "logo",
        "description",
        "description_en",
        "description_ar",
        "contact_email",
        "phone",
        "status",
        "directory_opt_in",
        "is_featured",
    ]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, **kwargs)


# --- People --------------------------------------------------------------------------------------------------


class PersonFilterSet(WagtailFilterSet):
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices)
    organisation__status = django_filters.ChoiceFilter(label=_("Company status"), choices=Organisation.Status.choices)
    organisation__sectors = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all())
    organisation__region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices)

    class Meta:
        model = OrganisationMember
        fields = ["role", "organisation__status", "organisation__sectors", "organisation__region"]


class PersonIndexView(SpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "organisation")


class PersonCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.member_add(
            organisation=data["organisation"], user=data["user"], role=data["role"], by=self.request.user
        )


class PersonEditView(generic.EditView):
    def save_instance(self):
        return services.member_change_role(
            membership=self.object, role=self.form.cleaned_data["role"], by=self.request.user
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.MembersError as error:
            domain_error_to_form(form, error, "role")
            self.produced_error_message = error.message
            return self.form_invalid(form)


class PersonDeleteView(generic.DeleteView):
    def delete_action(self):
        services.member_remove(membership=self.object, by=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.MembersError as error:
            domain_error_message(self.request, error)
            return redirect(self.get_success_url())


class PersonViewSet(ModelViewSet):
    model = OrganisationMember
    icon = "user"
    menu_label = _("People")
    index_view_class = PersonIndexView
    add_view_class = PersonCreateView
    edit_view_class = PersonEditView
    delete_view_class = PersonDeleteView
    list_display = [
        Column("user", label=_("Person")),
        Column("email", label=_("E-mail"), accessor="user.email"),
        "organisation",
        "role",
    ]
    filterset_class = PersonFilterSet
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__legal_name"]
    search_backend_name = None
    list_export = [
        "user.first_name",
        "user.last_name",
        "user.email",
        "user.job_title",
        "user.phone",
        "organisation.legal_name",
        "role",
        "joined_at",
    ]
    export_headings = {
        "user.first_name": _("First name"),
        "user.last_name": _("Last name"),
        "user.email": _("E-mail"),
        "user.job_title": _("Job title"),
        "user.phone": _("Phone"),
        "organisation.legal_name": _("Organisation"),
    }
    export_filename = "people"
    form_fields = ["organisation", "user", "role"]


# --- Applications --------------------------------------------------------------------------------------------


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Applications come from the public form; the secretariat decides them but never creates or deletes them."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MembershipApplication.Status.choices)
    organisation__sectors = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all())
    organisation__region = django_filters.ChoiceFilter(label=_("Region"), choices=Region.choices)

    class Meta:
        model = MembershipApplication
        fields = ["status", "organisation__sectors", "organisation__region"]


class ApplicationIndexView(SpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("organisation", "applicant", "plan")
        # The menu opens on the approval queue; choosing a status (even "all") in the filters shows the rest.
        if "status" not in self.request.GET:
            queryset = queryset.filter(status=MembershipApplication.Status.PENDING)
        return queryset


@dataclass(frozen=True)
class FirstDuesQuote:
    """What approving an application under a plan today would ask the company to pay (before VAT, centimes)."""

    period: periods.Period
    dues: int
    joining_fee: int

    @property
    def total(self) -> int:
        return self.dues + self.joining_fee


def first_dues_quote(application: MembershipApplication, *, today=None) -> FirstDuesQuote | None:
    """The first dues order approval would open (members.dues.services.membership_open): the dues of the first
    period, pro-rata or not as the settings say, and the plan's joining fee unless the company was a member
    before. None without a plan (the company becomes an active member at once)."""
    plan = application.plan
    if plan is None:
        return None
    quote = periods.joining_quote(today or timezone.localdate(), plan.annual_fee, period_rules())
    Status = Membership.Status
    was_member = application.organisation.memberships.filter(
        status__in=[Status.ACTIVE, Status.GRACE, Status.LAPSED, Status.ENDED]
    ).exists()
    return FirstDuesQuote(period=quote.period, dues=quote.amount, joining_fee=0 if was_member else plan.joining_fee)


def first_membership(organisation: Organisation) -> Membership | None:
    """The membership period the approval of the company's application opened (the oldest one), if any."""
    return organisation.memberships.select_related("plan", "order").order_by("created_at", "pk").first()


class ApplicationDecideView(DecisionView):
    """Shows the application (the company, its contact, the plan it chose) and what approving it does, and lets
    the secretariat approve or reject it with a message."""

    template_name = "members/admin/application_decide.html"
    decision_form_class = DecisionForm
    context_object_name = "application"
    error_class = services.MembersError
    missing_choice = _("Choose to approve or to reject.")

    def get_object(self, queryset=None):
        application = super().get_object(queryset)
        return (
            MembershipApplication.objects.select_related("organisation", "applicant", "plan", "decided_by")
            .prefetch_related("organisation__sectors")
            .get(pk=application.pk)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        organisation = application.organisation
        context.update(
            plan=application.plan,
            sectors=", ".join(sector.name_for() for sector in organisation.sectors.all()),
            period_is_calendar_year=period_rules().period == periods.CALENDAR,
            vat_rate=payments_conf.vat_rate(),
            awaiting_dues_status=Organisation.Status.APPROVED.label,
        )
        if application.is_pending:
            context["first_dues"] = first_dues_quote(application)
        elif application.status == MembershipApplication.Status.APPROVED:
            context["membership"] = first_membership(organisation)
        return context

    def decisions(self):
        application = self.object
        return {
            # What approval did depends on the plan and on the dues package: approval_outcome reads it afterwards.
            "approve": (partial(services.application_approve, application=application), approval_outcome),
            "reject": (
                partial(services.application_reject, application=application),
                _("%(organisation)s is rejected; the applicant has been told."),
            ),
        }

    def success_message(self, template):
        organisation = Organisation.objects.get(pk=self.object.organisation_id)
        if callable(template):
            return template(organisation)
        return template % {"organisation": organisation}


def approval_outcome(organisation: Organisation) -> str:
    """What approving the company's application did, read from the records it left (not from the plan)."""
    if organisation.status == Organisation.Status.ACTIVE:
        return _("%(organisation)s is approved and is now an active member.") % {"organisation": organisation}
    awaiting = (
        organisation.memberships.filter(status=Membership.Status.AWAITING_PAYMENT, order__isnull=False)
        .select_related("order")
        .first()
    )
    if awaiting is not None:
        return _(
            "%(organisation)s is approved; its first dues of %(amount)s are awaiting payment. "
            "It becomes an active member once they are paid."
        ) % {"organisation": organisation, "amount": format_money(awaiting.order.total, awaiting.order.currency)}
    return _("%(organisation)s is approved (%(status)s).") % {
        "organisation": organisation,
        "status": organisation.get_status_display(),
    }


class ApplicationViewSet(ModelViewSet):
    model = MembershipApplication
    icon = "tick-inverse"
    menu_label = _("Applications")
    index_view_class = ApplicationIndexView
    edit_view_class = ApplicationDecideView
    list_display = [
        "organisation",  # the title column: links each application to the page that decides it
        Column("applicant", label=_("Applicant")),
        Column("plan", label=_("Plan")),
        LocalDateColumn("submitted_at", _("Submitted")),
        "status",
    ]
    filterset_class = ApplicationFilterSet
    search_fields = ["organisation__legal_name", "organisation__trade_name", "applicant__email"]
    search_backend_name = None
    list_export = [
        "organisation.legal_name",
        "organisation.ice",
        "applicant.email",
        "plan.name",
        "motivation",
        "status",
        "submitted_at",
        "decided_at",
        "decision_message",
    ]
    export_headings = {
        "organisation.legal_name": _("Organisation"),
        "organisation.ice": _("ICE"),
        "applicant.email": _("Applicant"),
        "plan.name": _("Plan"),
    }
    export_filename = "membership-applications"
    form_fields = ["decision_message"]


# --- Reference data ------------------------------------------------------------------------------------------


class SectorViewSet(ModelViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Sectors")
    index_view_class = ExportIndexView
    list_display = ["name", "name_en", "name_ar", "slug"]
    search_fields = ["name", "name_en", "name_ar"]
    search_backend_name = None
    form_fields = ["name", "name_en", "name_ar", "slug"]
    list_export = ["name", "name_en", "name_ar", "slug"]
    export_filename = "sectors"


class PrivacyNoticeViewSet(ModelViewSet):
    model = PrivacyNotice
    icon = "doc-full"
    menu_label = _("Privacy notices")
    list_display = ["version", "title", LocalDateColumn("published_at", _("Published"))]
    form_fields = ["version", "title", "body", "body_en", "body_ar", "published_at"]


class ConsentViewSet(ModelViewSet):
    """Read-only evidence of consents, for answering the CNDP or a person exercising their rights."""

    model = Consent
    icon = "doc-empty"
    menu_label = _("Consents")
    index_view_class = ExportIndexView
    list_display = [
        "user",
        "purpose",
        YesNoColumn("granted", model=Consent),
        "notice",
        LocalDateColumn("recorded_at", _("Recorded")),
    ]
    list_filter = ["purpose", "granted"]
    search_fields = ["user__email"]
    search_backend_name = None
    list_export = ["user.email", "purpose", "granted", "notice.version", "recorded_at"]
    export_filename = "consents"
    inspect_view_enabled = True
    form_fields = ["user", "purpose", "granted", "notice"]


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Consents are evidence: those who may manage them may read them, nobody may rewrite them."""

    def user_has_permission(self, user, action):
        return action == "view" and (
            super().user_has_permission(user, "view") or super().user_has_permission(user, "change")
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# --- Plans and memberships -----------------------------------------------------------------------------------


class MembershipPlanViewSet(MoneyFieldsMixin, ModelViewSet):
    model = MembershipPlan
    icon = "tasks"
    menu_label = _("Membership plans")
    index_view_class = ExportIndexView
    list_display = [
        "name",
        "audience",
        MoneyColumn("annual_fee", _("Annual dues")),
        MoneyColumn("joining_fee", _("Joining fee")),
        YesNoColumn("requires_approval", model=MembershipPlan),
        YesNoColumn("is_active", model=MembershipPlan),
    ]
    money_fields = ("annual_fee", "joining_fee")
    list_filter = ["audience", "is_active"]
    search_fields = ["name", "name_en", "name_ar"]
    search_backend_name = None
    form_fields = [
        "name",
        "name_en",
        "name_ar",
        "audience",
        "annual_fee",
        "joining_fee",
        "requires_approval",
        "benefits",
        "benefits_en",
        "benefits_ar",
        "is_active",
        "sort_order",
    ]
    list_export = [
        "name",
        "name_en",
        "name_ar",
        "audience",
        "annual_fee_mad",
        "joining_fee_mad",
        "requires_approval",
        "is_active",
    ]
    export_headings = {"annual_fee_mad": _("Annual dues (MAD)"), "joining_fee_mad": _("Joining fee (MAD)")}
    export_filename = "membership-plans"


class MembershipFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Membership.Status.choices)
    plan = django_filters.ModelChoiceFilter(label=_("Plan"), queryset=MembershipPlan.objects.all())
    plan__audience = django_filters.ChoiceFilter(label=_("For"), choices=Audience.choices)
    renewal_due = django_filters.BooleanFilter(
        label=_("Renewal due within 30 days"), method="filter_renewal_due", widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = Membership
        fields = ["status", "plan", "plan__audience"]

    def filter_renewal_due(self, queryset, name, value):
        due = renewals_due(within_days=30)
        return queryset.filter(pk__in=due.values("pk")) if value else queryset.exclude(pk__in=due.values("pk"))


class MembershipIndexView(SpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organisation", "plan", "order")


class MembershipViewSet(ModelViewSet):
    """Memberships change through dues payments and the daily status job, so the admin lists and exports them."""

    model = Membership
    icon = "date"
    menu_label = _("Memberships")
    index_view_class = MembershipIndexView
    list_display = [
        Column("organisation", label=_("Organisation")),
        Column("plan", label=_("Plan")),
        "status",
        LocalDateColumn("period_start", _("Period start")),
        LocalDateColumn("period_end", _("Period end")),
    ]
    filterset_class = MembershipFilterSet
    search_fields = ["organisation__legal_name", "organisation__trade_name", "order__reference"]
    search_backend_name = None
    list_export = [
        "organisation.legal_name",
        "organisation.ice",
        "plan.name",
        "status",
        "period_start",
        "period_end",
        "order_reference",
        "order_total_mad",
    ]
    export_headings = {
        "organisation.legal_name": _("Organisation"),
        "organisation.ice": _("ICE"),
        "plan.name": _("Plan"),
        "order_reference": _("Order"),
        "order_total_mad": _("Total (MAD)"),
    }
    export_filename = "memberships"
    inspect_view_enabled = True
    form_fields = ["organisation", "plan", "status", "period_start", "period_end", "order"]


class MembersViewSetGroup(ViewSetGroup):
    menu_label = _("Members")
    menu_icon = "group"
    menu_order = 200
    items = (
        ApplicationViewSet("members_applications"),
        OrganisationViewSet("members_organisations"),
        PersonViewSet("members_people"),
        MembershipViewSet("members_memberships"),
        MembershipPlanViewSet("members_plans"),
        SectorViewSet("members_sectors"),
        PrivacyNoticeViewSet("members_privacy_notices"),
        ConsentViewSet("members_consents"),
        MemberImportViewSet(),
    )
