from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.dashboard import ACTION, Panel, panels_for
from core.views import domain_error_message, domain_error_to_form
from members import selectors, services
from members.dues.forms import ApplicationForm
from members.dues.selectors import dues_overview, join_offer
from members.forms import (
    AccountDeleteForm,
    DirectoryFilterForm,
    InvitationAccountForm,
    InviteForm,
    OrganisationProfileForm,
    ProfileForm,
    RoleForm,
)
from members.models import Invitation, Organisation, PrivacyNotice, Role
from members.services.privacy import personal_data_zip

User = get_user_model()

DIRECTORY_PAGE_SIZE = 24


def _client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


# --- Public -------------------------------------------------------------------------------------------------


@require_GET
def directory(request):
    """The public member directory. It neither reads nor writes the session, so anonymous pages can be cached."""
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.directory_organisations(
        search=filters.get("q", ""),
        sector=filters.get("sector"),
        region=filters.get("region", ""),
        size_band=filters.get("size", ""),
    )
    paginator = Paginator(organisations, DIRECTORY_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "members/directory.html",
        {
            "form": form,
            "page_obj": page_obj,
            "page_range": paginator.get_elided_page_range(page_obj.number),
            "is_filtered": any(filters.values()),
        },
    )


@require_GET
def organisation_detail(request, slug):
    organisation = selectors.directory_organisation(slug=slug)
    if organisation is None:
        raise Http404
    show_contacts = selectors.is_member(request.user)
    return render(
        request,
        "members/organisation_detail.html",
        {
            "organisation": organisation,
            "description": organisation.description_for(get_language()),
            "show_contacts": show_contacts,
            "contacts": selectors.directory_contacts(organisation=organisation) if show_contacts else [],
        },
    )


@require_GET
def privacy_notice(request):
    notice = PrivacyNotice.objects.current()
    if notice is None:
        raise Http404
    return render(
        request,
        "members/privacy_notice.html",
        {"notice": notice, "body": notice.body_for(get_language() or "fr")},
    )


@require_http_methods(["GET", "POST"])
def apply(request):
    """A company applies to join. Visitors first create their account (or log in) through allauth, which
    verifies their address, and come back here."""
    if not request.user.is_authenticated:
        next_query = urlencode({"next": request.path})
        return render(
            request,
            "members/apply_start.html",
            {
                "signup_url": reverse("account_signup") + "?" + next_query,
                "login_url": reverse("account_login") + "?" + next_query,
                "offer": join_offer(),
            },
        )
    if selectors.applications_of(user=request.user).filter(status="pending").exists():
        messages.info(request, _("Your application is awaiting review by the secretariat."))
        return redirect("members:dashboard")
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                applicant=request.user,
                data=form.cleaned_data,
                sectors=form.cleaned_data["sectors"],
                motivation=form.cleaned_data["motivation"],
                plan=form.cleaned_data.get("plan"),
            )
        except services.MembersError as error:
            domain_error_message(request, error)
        else:
            if application.status == application.Status.APPROVED:
                # A plan without approval: the company can pay its first dues straight away.
                messages.success(request, _("Welcome! Pay the first dues to complete your membership."))
                return redirect("members:dashboard")
            return redirect("members:apply_done")
    return render(request, "members/apply.html", {"form": form})


@require_GET
def apply_done(request):
    return render(request, "members/apply_done.html")


@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    try:
        invitation = services.invitation_from_token(token)
    except services.MembersError as error:
        return render(request, "members/invitation_invalid.html", {"message": error.message}, status=404)

    user = request.user
    account_exists = User.objects.filter(email__iexact=invitation.email).exists()
    form = None
    if not user.is_authenticated and not account_exists:
        form = InvitationAccountForm(request.POST or None, email=invitation.email)

    if request.method == "POST":
        if not user.is_authenticated and form is None:
            messages.error(request, services.AccountExists.message)
        elif user.is_authenticated or form.is_valid():
            try:
                if user.is_authenticated:
                    services.invitation_accept(invitation=invitation, user=user)
                else:
                    new_user = services.invitation_accept_with_new_account(
                        invitation=invitation,
                        first_name=form.cleaned_data["first_name"],
                        last_name=form.cleaned_data["last_name"],
                        password=form.cleaned_data["password1"],
                        # The language the person read the invitation in (the link carries its prefix).
                        language=get_language(),
                        ip_address=_client_ip(request),
                    )
                    login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
            except services.MembersError as error:
                domain_error_message(request, error)
            else:
                messages.success(
                    request, _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation.display_name}
                )
                return redirect("members:dashboard")

    wrong_account = user.is_authenticated and not services.user_owns_address(user, invitation.email)
    login_url = reverse("account_login") + "?" + urlencode({"next": request.get_full_path()})
    return render(
        request,
        "members/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "account_exists": account_exists,
            "wrong_account": wrong_account,
            "login_url": login_url,
        },
        # Someone else's invitation: the page only explains how to switch accounts.
        status=403 if wrong_account else 200,
    )


# --- My space -----------------------------------------------------------------------------------------------


def _dues_to_act_on(memberships) -> list:
    """The companies whose administrator has dues to act on: renew (due, or overdue in the grace period) or
    join under a plan. Dues already ordered and unpaid are among the payments due (payments' panel)."""
    return [
        membership
        for membership in memberships
        if membership.is_admin and (membership.dues.can_renew or (membership.dues.can_join and membership.dues.plans))
    ]


@login_required
@require_GET
def dashboard(request):
    """My space, around what is next: what needs doing (seats offered, payments due, dues to renew, meeting
    requests), then what is coming (events, meetings), the unread messages, the rest in the side column. The apps
    above members add their panels through core.dashboard."""
    memberships = list(selectors.memberships_of(user=request.user))
    for membership in memberships:
        membership.dues = dues_overview(organisation=membership.organisation)
    dues_due = _dues_to_act_on(memberships)
    own = [Panel(ACTION, "members/dashboard/dues_action.html", {"memberships": dues_due}, order=30)] if dues_due else []
    return render(
        request,
        "members/dashboard.html",
        {
            "memberships": memberships,
            "applications": selectors.applications_of(user=request.user).filter(status="pending"),
            "is_applicant_only": not memberships,
            "panels": panels_for(request, own),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=User.objects.get(pk=request.user.pk))
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, data=form.cleaned_data, ip_address=_client_ip(request))
        messages.success(request, _("Your profile is saved."))
        return redirect("members:dashboard")
    return render(request, "members/profile_form.html", {"form": form})


def administered_or_404(request, slug) -> Organisation:
    organisation = selectors.administered_organisation(user=request.user, slug=slug)
    if organisation is None:
        # The same answer whether the company exists or the user merely isn't its administrator.
        raise Http404
    return organisation


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    organisation = administered_or_404(request, slug)
    # The form gets its own copy, so the service can tell what changed.
    form = OrganisationProfileForm(
        request.POST or None, request.FILES or None, instance=Organisation.objects.get(pk=organisation.pk)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.organisation_update(
                organisation=organisation,
                by=request.user,
                data=data,
                sectors=data.pop("sectors"),
                logo_file=data.pop("logo_file", None),
            )
        except services.MembersError as error:
            domain_error_message(request, error)
        else:
            messages.success(request, _("The company profile is saved."))
            return redirect("members:dashboard")
    return render(request, "members/organisation_form.html", {"organisation": organisation, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def people(request, slug):
    organisation = administered_or_404(request, slug)
    invite_form = InviteForm(request.POST or None)
    if request.method == "POST" and invite_form.is_valid():
        try:
            services.invitation_create(
                organisation=organisation,
                email=invite_form.cleaned_data["email"],
                role=invite_form.cleaned_data["role"],
                language=invite_form.cleaned_data["language"],
                by=request.user,
            )
        except services.MembersError as error:
            domain_error_to_form(invite_form, error, "email")
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invite_form.cleaned_data["email"]})
            return redirect("members:people", slug=organisation.slug)
    return render(
        request,
        "members/people.html",
        {
            "organisation": organisation,
            "people": selectors.people_of(organisation=organisation),
            "invitations": selectors.pending_invitations_of(organisation=organisation),
            "invite_form": invite_form,
            "roles": Role.choices,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def person_role(request, slug, pk):
    organisation = administered_or_404(request, slug)
    membership = get_object_or_404(organisation.people, pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role."))
    else:
        try:
            services.member_change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
        except services.MembersError as error:
            domain_error_message(request, error)
        else:
            messages.success(request, _("The role of %(person)s is changed.") % {"person": membership.user})
    return redirect("members:people", slug=organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
def person_remove(request, slug, pk):
    organisation = administered_or_404(request, slug)
    membership = get_object_or_404(organisation.people.select_related("user"), pk=pk)
    if request.method == "POST":
        try:
            services.member_remove(membership=membership, by=request.user)
        except services.MembersError as error:
            domain_error_message(request, error)
            return redirect("members:people", slug=organisation.slug)
        messages.success(request, _("%(person)s no longer belongs to the company.") % {"person": membership.user})
        if membership.user == request.user:
            return redirect("members:dashboard")
        return redirect("members:people", slug=organisation.slug)
    return render(request, "members/person_remove.html", {"organisation": organisation, "membership": membership})


def _invitation_of(request, slug, pk) -> tuple[Organisation, Invitation]:
    organisation = administered_or_404(request, slug)
    return organisation, get_object_or_404(organisation.invitations, pk=pk)


@login_required
@require_POST
def invitation_resend(request, slug, pk):
    organisation, invitation = _invitation_of(request, slug, pk)
    try:
        services.invitation_resend(invitation=invitation, by=request.user)
    except services.MembersError as error:
        domain_error_message(request, error)
    else:
        messages.success(request, _("Invitation sent again to %(email)s.") % {"email": invitation.email})
    return redirect("members:people", slug=organisation.slug)


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    organisation, invitation = _invitation_of(request, slug, pk)
    try:
        services.invitation_revoke(invitation=invitation, by=request.user)
    except services.MembersError as error:
        domain_error_message(request, error)
    else:
        messages.success(request, _("The invitation to %(email)s is cancelled.") % {"email": invitation.email})
    return redirect("members:people", slug=organisation.slug)


# --- Personal data ------------------------------------------------------------------------------------------


@login_required
@require_GET
def data_export(request):
    content = personal_data_zip(user=request.user)
    response = HttpResponse(content, content_type="application/zip")
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account is deleted and your personal data erased."))
        return redirect("/")
    return render(
        request,
        "members/account_delete.html",
        {"form": form, "last_admin_of": services.last_admin_of(request.user)},
    )
