"""The secretariat's "Board" menu: the posts awaiting review (approve, or send back with a message) and all
posts with filters and CSV/XLSX export. Moderators see how many conversations each post opened, never what
the companies wrote to each other."""

from functools import partial

import django_filters
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.columns import LocalDateColumn
from core.exports import SpreadsheetExportMixin
from members.decision_views import DecisionView
from members.models import Region, Sector
from partnerships import services
from partnerships.forms import ReviewForm
from partnerships.meetings.viewsets import BrokerageSessionViewSet
from partnerships.models import Post


class PostPermissionPolicy(ModelPermissionPolicy):
    """Posts are written by member companies on the site; the secretariat reviews them but never creates them."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class PostFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Post.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Offer or request"), choices=Post.Kind.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Post.Category.choices)
    sectors = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all())
    target_regions__region = django_filters.ChoiceFilter(label=_("Target region"), choices=Region.choices)
    visibility = django_filters.ChoiceFilter(label=_("Visibility"), choices=Post.Visibility.choices)
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Post.Outcome.choices)

    class Meta:
        model = Post
        fields = ["status", "kind", "category", "sectors", "target_regions__region", "visibility", "outcome"]


class PostIndexView(SpreadsheetExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .defer("search_vector")
            .select_related("organisation")
            .prefetch_related(Prefetch("sectors", queryset=Sector.objects.order_by("name")), "target_regions")
            .annotate(conversation_count=Count("conversations", distinct=True))
        )


class ReviewIndexView(PostIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(status=Post.Status.SUBMITTED)


class PostReviewView(DecisionView):
    """Shows the post as members will read it; the secretariat approves it or sends it back with a message."""

    template_name = "partnerships/admin/review.html"
    decision_form_class = ReviewForm
    context_object_name = "post"
    error_class = services.BoardError
    missing_choice = _("Choose to approve or to send back.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["conversation_count"] = self.object.conversations.count()
        return context

    def decisions(self):
        post = self.object
        return {
            "approve": (partial(services.post_approve, post=post), _("“%(title)s” is published on the board.")),
            "return": (partial(services.post_return, post=post), _("“%(title)s” is sent back to its author.")),
        }

    def success_message(self, template):
        return template % {"title": self.object.title}


LIST_DISPLAY = [
    "title",
    Column("organisation", label=_("Company")),
    "kind",
    "category",
    "status",
    Column("conversation_count", label=_("Conversations"), sort_key="conversation_count"),
    LocalDateColumn("expires_on", _("On the board until")),
]


class PostReviewViewSet(ModelViewSet):
    model = Post
    icon = "tick-inverse"
    menu_label = _("Awaiting review")
    index_view_class = ReviewIndexView
    edit_view_class = PostReviewView
    list_display = [*LIST_DISPLAY[:4], LocalDateColumn("submitted_at", _("Submitted"))]
    search_fields = ["title", "organisation__legal_name", "organisation__trade_name"]
    search_backend_name = None
    ordering = ["submitted_at"]
    form_fields = ["review_message"]

    def register_permissions(self):
        pass  # the "All posts" viewset registers the model's permissions once


class PostViewSet(ModelViewSet):
    model = Post
    icon = "list-ul"
    menu_label = _("All posts")
    index_view_class = PostIndexView
    edit_view_class = PostReviewView
    list_display = LIST_DISPLAY
    filterset_class = PostFilterSet
    search_fields = ["title", "description", "organisation__legal_name", "organisation__trade_name"]
    search_backend_name = None
    ordering = ["-created_at"]
    form_fields = ["review_message"]
    list_export = [
        "pk",
        "title",
        "organisation.legal_name",
        "kind",
        "category",
        "sector_names",
        "region_names",
        "countries",
        "language",
        "visibility",
        "status",
        "outcome",
        "conversation_count",
        "created_at",
        "submitted_at",
        "published_at",
        "expires_on",
        "closed_at",
    ]
    export_headings = {
        "pk": _("Number"),
        "organisation.legal_name": _("Company"),
        "sector_names": _("Sectors"),
        "region_names": _("Target regions"),
        "conversation_count": _("Conversations"),
    }
    export_filename = "board-posts"


class BoardViewSetGroup(ViewSetGroup):
    menu_label = _("Board")
    menu_icon = "resubmit"
    menu_order = 250
    items = (
        PostReviewViewSet("partnerships_review"),
        PostViewSet("partnerships_posts"),
        BrokerageSessionViewSet("partnerships_brokerage"),
    )
