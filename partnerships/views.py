"""The board seen from the site: browse and search, a post's page, and what a company does with its posts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.views import domain_error_message, domain_error_to_form
from members.models import Organisation
from members.selectors import is_member
from partnerships import matching, selectors, services
from partnerships.access import active_companies_of
from partnerships.forms import BoardFilterForm, CloseForm, InterestForm, PostForm
from partnerships.models import Post

PAGE_SIZE = 20
TEASER_WORDS = 60


@require_GET
def board(request):
    """Every post on the board, in full for members and as public teasers for everyone else. Neither reads nor
    writes the session for anonymous visitors, so that their pages can be cached."""
    form = BoardFilterForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    filters = form.cleaned_data if form.is_bound and valid else {}
    members_view = is_member(request.user)
    posts = selectors.board_posts(
        members_view=members_view,
        text=filters.get("q", ""),
        kind=filters.get("kind", ""),
        category=filters.get("category", ""),
        sector=filters.get("sector"),
        region=filters.get("region", ""),
        sort=filters.get("sort", ""),
    )
    paginator = Paginator(posts if valid else Post.objects.none(), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/board.html",
        {
            "form": form,
            "page_obj": page_obj,
            "page_range": paginator.get_elided_page_range(page_obj.number),
            "is_filtered": selectors.is_filtered(filters),
            "members_view": members_view,
            "can_post": request.user.is_authenticated and bool(active_companies_of(request.user)),
            "teaser_words": TEASER_WORDS,
        },
        status=200 if valid else 400,
    )


def _managed(request, pk) -> Post:
    """A post the person may change: their company's, and they are its author or an administrator. The same 404
    whether the post does not exist or belongs to another company."""
    view = selectors.post_for_viewer(pk=pk, user=request.user)
    if view is None or not view.can_manage:
        raise Http404
    return view.post


def post_page(request, view, *, interest_form=None, status=200):
    post = view.post
    context = {"view": view, "post": post, "teaser_words": TEASER_WORDS}
    if view.is_own:
        context["conversations"] = selectors.inbox_rows(user=request.user, post=post)
        if post.status != Post.Status.CLOSED:
            context["suggestions"] = matching.suggestions_for_post(post)
        context["close_form"] = CloseForm()
    elif view.can_express_interest:
        context["interest_form"] = interest_form or InterestForm(
            companies=Organisation.objects.filter(pk__in=[c.pk for c in view.acting_companies])
        )
        # Who the message will reach, said before it is sent.
        context["reach"] = (
            selectors.conversation_recipients(view.conversation, post.organisation)
            if view.conversation
            else selectors.post_recipients(post)
        )
    return render(request, "partnerships/post_detail.html", context, status=status)


@require_GET
def post_detail(request, pk):
    view = selectors.post_for_viewer(pk=pk, user=request.user)
    if view is None:
        if not request.user.is_authenticated and Post.objects.on_board().filter(pk=pk).exists():
            return redirect_to_login(request.get_full_path())  # a members-only post: log in to read it
        raise Http404
    return post_page(request, view)


@require_GET
def attachment(request, pk):
    """The post's PDF, for members who may read the post in full and for the secretariat reviewing it."""
    view = selectors.post_for_viewer(pk=pk, user=request.user)
    if view is not None and view.full:
        post = view.post
    elif request.user.has_perm("partnerships.change_post"):
        post = Post.objects.filter(pk=pk).first()
    else:
        post = None
    if post is None or not post.attachment:
        raise Http404
    return FileResponse(
        post.attachment.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=post.attachment_name or "document.pdf",
    )


def _post_data(form) -> dict:
    data = dict(form.cleaned_data)
    return {
        "data": data,
        "sectors": list(data.pop("sectors")),
        "regions": data.pop("regions", []),
        "attachment": data.pop("attachment_file", None),
    }


@login_required
@require_http_methods(["GET", "POST"])
def post_create(request):
    companies = active_companies_of(request.user)
    if not companies:
        return render(request, "partnerships/not_a_member.html", status=403)
    queryset = Organisation.objects.filter(pk__in=[company.pk for company in companies])
    form = PostForm(request.POST or None, request.FILES or None, companies=queryset)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            values = _post_data(form)
            try:
                post = services.post_create(
                    organisation=values["data"].pop("company"),
                    author=request.user,
                    submit="submit" in request.POST,
                    **values,
                )
            except services.BoardError as error:
                domain_error_to_form(form, error)
            else:
                messages.success(request, _submitted_or_saved(post))
                return redirect("partnerships:post_detail", pk=post.pk)
        status = 400
    return render(request, "partnerships/post_form.html", {"form": form, "post": None}, status=status)


def _submitted_or_saved(post: Post) -> str:
    if post.status == Post.Status.SUBMITTED:
        return _("Your post is sent to the secretariat for review. You will get an e-mail once it is published.")
    return _("Your draft is saved. Submit it for review when it is ready.")


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk):
    post = _managed(request, pk)
    if not post.is_editable:
        messages.error(request, _("A closed or expired post cannot be changed; renew an expired post first."))
        return redirect("partnerships:post_detail", pk=post.pk)
    # The form gets its own copy, so that the service can tell what changed.
    form = PostForm(
        request.POST or None,
        request.FILES or None,
        instance=Post.objects.get(pk=post.pk),
        companies=Organisation.objects.filter(pk=post.organisation_id),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            values = _post_data(form)
            try:
                post = services.post_update(
                    post=post,
                    by=request.user,
                    remove_attachment=values["data"].pop("remove_attachment", False),
                    submit="submit" in request.POST,
                    **values,
                )
            except services.BoardError as error:
                domain_error_to_form(form, error)
            else:
                messages.success(request, _submitted_or_saved(post))
                return redirect("partnerships:post_detail", pk=post.pk)
        status = 400
    return render(request, "partnerships/post_form.html", {"form": form, "post": post}, status=status)


def _act(request, pk, action, success: str):
    post = _managed(request, pk)
    try:
        action(post=post, by=request.user)
    except services.BoardError as error:
        domain_error_message(request, error)
        return redirect("partnerships:post_detail", pk=post.pk)
    messages.success(request, success)
    return redirect("partnerships:post_detail", pk=post.pk)


@login_required
@require_POST
def post_submit(request, pk):
    return _act(request, pk, services.post_submit, _("Your post is sent to the secretariat for review."))


@login_required
@require_POST
def post_renew(request, pk):
    return _act(request, pk, services.post_renew, _("Your post stays on the board for another three months."))


@login_required
@require_http_methods(["GET", "POST"])
def post_close(request, pk):
    post = _managed(request, pk)
    form = CloseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.post_close(post=post, by=request.user, outcome=form.cleaned_data["outcome"])
            except services.BoardError as error:
                domain_error_message(request, error)
                return redirect("partnerships:post_detail", pk=post.pk)
            messages.success(request, _("Your post is closed. Thank you for telling us how it ended."))
            return redirect("partnerships:my_posts")
        status = 400
    return render(request, "partnerships/post_close.html", {"post": post, "form": form}, status=status)


@login_required
@require_GET
def my_posts(request):
    return render(
        request,
        "partnerships/my_posts.html",
        {
            "posts": selectors.my_posts(user=request.user),
            "can_post": bool(active_companies_of(request.user)),
        },
    )
