"""My space → E-mail preferences, and the unsubscribe links of announcement e-mails (no login needed)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from members.communications.preferences import (
    InvalidLink,
    email_preferences_update,
    email_unsubscribe,
    is_unsubscribed,
    preferences_for,
    read_unsubscribe_token,
    unsubscribed_from_all,
)
from members.models import Topic
from members.models.communications import OPT_OUT_TOPICS


class EmailPreferencesForm(forms.Form):
    news_digest = forms.BooleanField(
        label=gettext_lazy("News digest"), required=False, help_text=gettext_lazy("The association's latest news.")
    )
    event_announcements = forms.BooleanField(
        label=gettext_lazy("Event announcements"),
        required=False,
        help_text=gettext_lazy("New events, programmes and registrations opening."),
    )
    board_matches = forms.BooleanField(
        label=gettext_lazy("Board matches"),
        required=False,
        help_text=gettext_lazy("Offers and requests on the B2B board that match your company."),
    )
    resume_all = forms.BooleanField(
        label=gettext_lazy("Receive the association's announcements again"),
        required=False,
        help_text=gettext_lazy("You unsubscribed from all announcements. Tick this box to receive them again."),
    )

    def __init__(self, *args, show_resume: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_resume:
            del self.fields["resume_all"]


@login_required
@require_http_methods(["GET", "POST"])
def email_preferences(request):
    """The logged-in person's own preferences: there is no way to name anyone else's."""
    show_resume = unsubscribed_from_all(user=request.user)
    preferences = preferences_for(user=request.user)
    initial = {topic: preferences.allows(topic) for topic in OPT_OUT_TOPICS}
    form = EmailPreferencesForm(request.POST or None, initial=initial, show_resume=show_resume)
    if request.method == "POST":
        if form.is_valid():
            email_preferences_update(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your e-mail preferences are saved."))
            return redirect("members:email_preferences")
        return render(request, "members/email_preferences.html", {"form": form}, status=400)
    return render(request, "members/email_preferences.html", {"form": form, "show_resume": show_resume})


@csrf_exempt  # RFC 8058: mail programs post the one-click unsubscribe without a session; the signature is the proof.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks for confirmation; POST (from the page, or a mail program's one-click button) unsubscribes."""
    try:
        link = read_unsubscribe_token(token)
    except InvalidLink as error:
        return render(request, "members/unsubscribe_invalid.html", {"message": error.message}, status=error.status_code)
    context = {"link": link, "topic": Topic(link.topic).label, "is_general": link.topic not in OPT_OUT_TOPICS}
    if request.method == "POST":
        email_unsubscribe(request=link)
        return render(request, "members/unsubscribe_done.html", context)
    return render(request, "members/unsubscribe.html", {**context, "already": is_unsubscribed(link)})
