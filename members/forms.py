from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from core.forms import LocalizedMultipleChoiceField
from core.validators import compact_ice
from members.models import Organisation, Region, Role, Sector, SizeBand
from members.validators import validate_logo

User = get_user_model()


def _privacy_label():
    return format_html(
        '{} <a href="{}">{}</a>',
        _("I have read the"),
        reverse_lazy("members:privacy_notice"),
        _("privacy notice"),
    )


privacy_label = lazy(_privacy_label, SafeString)


class DirectoryFilterForm(forms.Form):
    """The directory's GET filters: no CSRF token, so that anonymous pages stay cacheable."""

    q = forms.CharField(label=_("Name or keyword"), required=False, max_length=100)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="slug", required=False, empty_label=_("All")
    )
    region = forms.ChoiceField(label=_("Region"), choices=[("", _("All")), *Region.choices], required=False)
    size = forms.ChoiceField(label=_("Size"), choices=[("", _("All")), *SizeBand.choices], required=False)

    use_required_attribute = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].label_from_instance = lambda sector: sector.name_for()


class OrganisationProfileForm(forms.ModelForm):
    """What a company administrator (or an applicant) says about the company."""

    sectors = LocalizedMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    # Longer than the 15 digits, so that an ICE typed with spaces reaches clean_ice and the model's validator.
    ice = forms.CharField(
        label=_("ICE"),
        required=False,
        max_length=30,
        help_text=_("The company's common identifier: 15 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    logo_file = forms.ImageField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG or WebP, 10 MB at most. Leave empty to keep it."),
        validators=[validate_logo],
    )

    class Meta:
        model = Organisation
        fields = Organisation.PROFILE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_ar": forms.Textarea(attrs={"rows": 4, "dir": "rtl", "lang": "ar"}),
            "country": forms.TextInput(attrs={"size": 2, "maxlength": 2, "autocapitalize": "characters"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def clean_ice(self):
        return compact_ice(self.cleaned_data.get("ice", ""))

    def clean_country(self):
        return (self.cleaned_data.get("country") or "").strip().upper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("region") == Region.FOREIGN and cleaned.get("country") == "MA":
            self.add_error("country", _("A company outside Morocco needs its country."))
        return cleaned


class InvitationAccountForm(forms.Form):
    """A new person sets up the account an invitation offers them."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    accept_privacy = forms.BooleanField(label=privacy_label())

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            candidate = User(
                email=self.email, first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", "")
            )
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "job_title", "phone", "preferred_language", "show_in_directory"]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Sign-up asks for both names; the profile may not take them away (badges, the directory, e-mails use them).
        self.fields["first_name"].required = True
        self.fields["first_name"].error_messages["required"] = _("Enter your first name.")
        self.fields["last_name"].required = True
        self.fields["last_name"].error_messages["required"] = _("Enter your last name.")


def _current_language() -> str:
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        # Each language in its own name: the administrator may not read the page's language for all of them.
        choices=[(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES],
        help_text=_("For people who have no account yet; those who have one get it in their own language."),
        required=False,
    )

    prefix = "invite"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = _current_language()

    def clean_language(self):
        return self.cleaned_data.get("language") or _current_language()


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


class DecisionForm(forms.Form):
    """The secretariat's message to an applicant."""

    message = forms.CharField(
        label=_("Message to the applicant"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Sent by e-mail. Required when rejecting."),
    )
