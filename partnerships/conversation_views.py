"""Expressing interest in a post, the inbox, and the private conversation between two companies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import domain_error_message, domain_error_to_form
from members.models import Organisation
from partnerships import selectors, services
from partnerships.access import AUTHOR_SIDE, can_manage_post, conversation_side
from partnerships.forms import InterestForm, MessageForm
from partnerships.views import post_page


@login_required
@require_POST
def express_interest(request, pk):
    view = selectors.post_for_viewer(pk=pk, user=request.user)
    if view is None:
        raise Http404
    if not view.can_express_interest:
        if view.is_own:
            refusal = services.OwnPost.message
        elif not view.acting_companies:
            refusal = services.NotActiveMember.message
        else:
            refusal = services.ConversationNotOpen.message
        messages.error(request, refusal)
        return redirect("partnerships:post_detail", pk=pk)
    companies = Organisation.objects.filter(pk__in=[company.pk for company in view.acting_companies])
    form = InterestForm(request.POST, companies=companies)
    if form.is_valid():
        try:
            conversation = services.conversation_start(
                post=view.post,
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                body=form.cleaned_data["body"],
            )
        except services.BoardError as error:
            domain_error_to_form(form, error)
        else:
            messages.success(request, _sent(selectors.conversation_recipients(conversation, view.post.organisation)))
            return redirect("partnerships:conversation", pk=conversation.pk)
    return post_page(request, view, interest_form=form, status=400)


def _sent(reach) -> str:
    if reach.via_contact_address:
        return _(
            "Your message is sent to %(address)s, the contact address of %(company)s: nobody there has an account "
            "yet. You will find the answers in your inbox."
        ) % {"address": reach.contact_address, "company": reach.organisation}
    if not reach.reachable:
        return _(
            "Your message is kept in the conversation, but %(company)s cannot be reached by e-mail for now: the "
            "secretariat has been told, so that it finds someone there to read it."
        ) % {"company": reach.organisation}
    return _("Your message is sent. You will find the answers in your inbox.")


@login_required
@require_GET
def inbox(request):
    return render(request, "partnerships/inbox.html", {"conversations": selectors.inbox_rows(user=request.user)})


def _conversation(request, pk):
    conversation = selectors.conversation_for(pk=pk, user=request.user)
    if conversation is None:
        # The same answer whether the conversation does not exist or is between two other companies.
        raise Http404
    return conversation


def _page(request, conversation, form, status=200):
    side = conversation_side(request.user, conversation)
    is_author_side = side == AUTHOR_SIDE
    mine = conversation.post.organisation if is_author_side else conversation.organisation
    theirs = conversation.organisation if is_author_side else conversation.post.organisation
    return render(
        request,
        "partnerships/conversation.html",
        {
            "conversation": conversation,
            "post": conversation.post,
            "mine": mine,
            "theirs": theirs,
            "is_author_side": is_author_side,
            "can_decide": is_author_side and can_manage_post(request.user, conversation.post),
            "my_contact": conversation.author_contact if is_author_side else conversation.interested_contact,
            "their_contact": conversation.interested_contact if is_author_side else conversation.author_contact,
            "chat": selectors.conversation_messages(conversation),
            "form": form,
            "reach": selectors.conversation_recipients(conversation, theirs) if conversation.accepts_messages else None,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request, pk):
    conversation = _conversation(request, pk)
    if request.method == "GET":
        services.conversation_mark_read(conversation=conversation, user=request.user)
        return _page(request, conversation, MessageForm())
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_send(conversation=conversation, by=request.user, body=form.cleaned_data["body"])
        except services.BoardError as error:
            domain_error_to_form(form, error)
        else:
            return redirect("partnerships:conversation", pk=conversation.pk)
    return _page(request, conversation, form, status=400)


ACTIONS = {
    "accept": (
        services.conversation_accept,
        gettext_lazy("You accepted. Carry on the conversation to agree on next steps."),
    ),
    "decline": (services.conversation_decline, gettext_lazy("You declined; the other company has been told.")),
    "close": (services.conversation_close, gettext_lazy("The conversation is closed.")),
    "share": (services.contact_share, gettext_lazy("Your name and e-mail address are now shown to the other company.")),
}


@login_required
@require_POST
def conversation_action(request, pk, action):
    conversation = _conversation(request, pk)
    if action not in ACTIONS:
        raise Http404
    service, success = ACTIONS[action]
    try:
        service(conversation=conversation, by=request.user)
    except services.BoardError as error:
        domain_error_message(request, error)
    else:
        messages.success(request, success)
    return redirect("partnerships:conversation", pk=conversation.pk)
