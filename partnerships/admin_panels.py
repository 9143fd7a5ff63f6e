"""The moderators' panel on the Wagtail dashboard: board posts waiting for review."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from partnerships.models import Post


class BoardReviewPanel(Component):
    name = "board_review"
    order = 170
    template_name = "partnerships/admin/review_panel.html"

    def get_context_data(self, parent_context=None):
        waiting = Post.objects.filter(status=Post.Status.SUBMITTED)
        return {
            "waiting": waiting.count(),
            "oldest": waiting.order_by("submitted_at").values_list("submitted_at", flat=True).first(),
            "published": Post.objects.filter(status=Post.Status.PUBLISHED).count(),
            "review_url": reverse("partnerships_review:index"),
        }
