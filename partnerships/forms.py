from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.forms import LocalizedMultipleChoiceField
from members.models import Region, Sector
from partnerships.models import MAX_VALIDITY, Post
from partnerships.services.attachments import MAX_ATTACHMENT_BYTES, sniff_attachment
from partnerships.services.errors import AttachmentRejected


class BoardFilterForm(forms.Form):
    """The board's GET filters: no CSRF token, so that anonymous pages stay cacheable."""

    q = forms.CharField(label=_("Keywords"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Offers or requests"), choices=[("", _("All")), *Post.Kind.choices], required=False
    )
    category = forms.ChoiceField(label=_("Category"), choices=[("", _("All")), *Post.Category.choices], required=False)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="slug", required=False, empty_label=_("All")
    )
    region = forms.ChoiceField(label=_("Region"), choices=[("", _("All")), *Region.choices], required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("", _("Relevance, then newest")), ("newest", _("Newest")), ("expiring", _("Expiring soon"))],
        required=False,
    )

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].label_from_instance = lambda sector: sector.name_for()


class PostForm(forms.ModelForm):
    """What a company writes on the board. The attachment is checked (PDF, 5 MB) before the service sees it."""

    sectors = LocalizedMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple, required=True
    )
    regions = forms.MultipleChoiceField(
        label=_("Target regions"),
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty for the whole of Morocco."),
    )
    attachment_file = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("A PDF document of at most 5 MB (a brochure, a specification). Choose it again after an error."),
        widget=forms.FileInput(attrs={"accept": ".pdf,application/pdf"}),
    )
    remove_attachment = forms.BooleanField(label=_("Remove the current attachment"), required=False)
    company = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, required=True, empty_label=None)

    class Meta:
        model = Post
        fields = [
            "company",
            "kind",
            "category",
            "title",
            "sectors",
            "regions",
            "countries",
            "description",
            "partner_profile",
            "attachment_file",
            "remove_attachment",
            "language",
            "visibility",
            "expires_on",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 8}),
            "partner_profile": forms.Textarea(attrs={"rows": 4}),
            "expires_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "description": _("What your company offers or seeks: products, services, volumes, timing."),
            "partner_profile": _("The kind of company you would like to work with: size, know-how, certifications."),
            "expires_on": _("At most six months from today; you can renew it before it expires."),
            "visibility": _(
                "A public teaser shows visitors the title and the beginning of the description, without your "
                "company's name: do not name it there."
            ),
        }

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        self.fields["company"].label_from_instance = lambda company: company.display_name
        if self.instance.pk:
            del self.fields["company"]  # the company of a post never changes
        elif len(companies) == 1:
            # A person of a single company has nothing to choose.
            self.fields["company"].widget = forms.HiddenInput()
            self.fields["company"].required = False
            self.only_company = companies[0]
        if self.instance.pk:
            self.fields["regions"].initial = self.instance.region_values
        if not self.instance.attachment:
            del self.fields["remove_attachment"]
        self.fields["kind"].choices = Post.Kind.choices
        self.fields["visibility"].choices = Post.Visibility.choices
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["sectors"].label_from_instance = lambda sector: sector.name_for()

    def clean_company(self):
        return self.cleaned_data.get("company") or getattr(self, "only_company", None)

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if expires_on is not None and not today < expires_on <= today + MAX_VALIDITY:
            raise forms.ValidationError(
                _("Choose a date between tomorrow and %(date)s."),
                params={"date": date_format(today + MAX_VALIDITY, "DATE_FORMAT")},
            )
        return expires_on

    def clean_attachment_file(self):
        attachment = self.cleaned_data.get("attachment_file")
        if not attachment:
            return None
        if attachment.size > MAX_ATTACHMENT_BYTES:
            raise forms.ValidationError(_("The attachment is larger than 5 MB."))
        try:
            sniff_attachment(attachment)
        except AttachmentRejected as error:
            raise forms.ValidationError(error.message) from None
        return attachment


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("How did it end?"), choices=Post.Outcome.choices, widget=forms.RadioSelect)


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Your e-mail address is not shown; you can choose to share it later."),
    )


class InterestForm(MessageForm):
    """Expressing interest: the first message, on behalf of one of the person's active companies."""

    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = companies
        self.fields["organisation"].label_from_instance = lambda company: company.display_name
        if len(companies) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].required = False
            self.only_company = companies[0]
        self.order_fields(["organisation", "body"])

    def clean_organisation(self):
        return self.cleaned_data.get("organisation") or getattr(self, "only_company", None)


class ReviewForm(forms.Form):
    """The secretariat's message to a post's author."""

    message = forms.CharField(
        label=_("Message to the author"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Sent by e-mail. Required when sending the post back."),
    )
