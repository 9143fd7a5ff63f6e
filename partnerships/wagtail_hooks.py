from wagtail import hooks
from wagtail.permissions import register_permission_policy

from partnerships.admin_panels import BoardReviewPanel
from partnerships.log_formatters import FORMATTERS, SIMPLE_ACTIONS
from partnerships.meetings.log_formatters import MEETING_ACTIONS
from partnerships.models import Post
from partnerships.viewsets import BoardViewSetGroup, PostPermissionPolicy

register_permission_policy(Post, PostPermissionPolicy(Post))


@hooks.register("register_admin_viewset")
def register_board_viewsets():
    return BoardViewSetGroup()


@hooks.register("register_log_actions")
def register_board_log_actions(actions):
    for action, formatter_class in FORMATTERS.items():
        actions.register_action(action)(formatter_class)
    for action, (label, message) in SIMPLE_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("register_log_actions")
def register_meeting_log_actions(actions):
    for action, (label, message) in MEETING_ACTIONS.items():
        actions.register_action(action, label, message)


@hooks.register("construct_homepage_panels")
def add_board_review_panel(request, panels):
    if request.user.has_perm("partnerships.change_post"):
        panels.append(BoardReviewPanel())
