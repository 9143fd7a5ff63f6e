"""My space: a company administrator joins under a plan or renews, and goes to pay the dues."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import domain_error_message
from members.dues import services as memberships
from members.models import MembershipPlan
from members.services.errors import MembersError
from members.views import administered_or_404


def _to_order(request, membership):
    if membership.order_id is None:
        messages.info(request, _("Your request is awaiting review by the secretariat; you will pay once accepted."))
        return redirect("members:dashboard")
    return redirect("payments:order_detail", public_id=membership.order.public_id)


@login_required
@require_POST
def membership_join(request, slug):
    """A company administrator chooses a plan and goes to pay the dues."""
    organisation = administered_or_404(request, slug)
    plan_id = request.POST.get("plan", "")
    # isdecimal(), not isdigit(): int() refuses some digits, such as "²".
    plan = MembershipPlan.objects.active().filter(pk=int(plan_id)).first() if plan_id.isdecimal() else None
    if plan is None:
        messages.error(request, _("Choose a membership plan."))
        return redirect("members:dashboard")
    try:
        membership = memberships.membership_request(organisation=organisation, plan=plan, by=request.user)
    except MembersError as error:
        domain_error_message(request, error)
        return redirect("members:dashboard")
    return _to_order(request, membership)


@login_required
@require_POST
def membership_renew(request, slug):
    """A company administrator renews for the next period and goes to pay the dues."""
    organisation = administered_or_404(request, slug)
    try:
        membership = memberships.membership_renew(organisation=organisation, by=request.user)
    except MembersError as error:
        domain_error_message(request, error)
        return redirect("members:dashboard")
    return _to_order(request, membership)
