"""Forms where members meet dues: the plan choice shows each plan's fees."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms import OrganisationProfileForm
from members.models import MembershipPlan
from payments.amounts import format_amount


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, plan):
        fee = format_amount(plan.annual_fee)
        if plan.joining_fee:
            return _("%(plan)s — %(fee)s a year, plus a joining fee of %(joining)s") % {
                "plan": plan.name_for(),
                "fee": fee,
                "joining": format_amount(plan.joining_fee),
            }
        return _("%(plan)s — %(fee)s a year") % {"plan": plan.name_for(), "fee": fee}


class ApplicationForm(OrganisationProfileForm):
    plan = PlanChoiceField(
        label=_("Membership plan"),
        queryset=MembershipPlan.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("The plan that fits your company; the secretariat may suggest another one."),
    )
    motivation = forms.CharField(
        label=_("Why does your company want to join?"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    class Meta(OrganisationProfileForm.Meta):
        fields = [f for f in OrganisationProfileForm.Meta.fields if f != "directory_opt_in"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["logo_file"]
        plans = MembershipPlan.objects.active()
        if plans.exists():
            self.fields["plan"].queryset = plans
        else:
            # An association that does not collect dues here: nothing to choose.
            del self.fields["plan"]
