from django.urls import path

from partnerships import conversation_views, views
from partnerships.meetings import urls as meetings_urls

app_name = "partnerships"

urlpatterns = [
    path("board/", views.board, name="board"),
    path("board/new/", views.post_create, name="post_create"),
    path("board/<int:pk>/", views.post_detail, name="post_detail"),
    path("board/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("board/<int:pk>/submit/", views.post_submit, name="post_submit"),
    path("board/<int:pk>/renew/", views.post_renew, name="post_renew"),
    path("board/<int:pk>/close/", views.post_close, name="post_close"),
    path("board/<int:pk>/attachment/", views.attachment, name="attachment"),
    path("board/<int:pk>/interest/", conversation_views.express_interest, name="express_interest"),
    path("my-space/board/", views.my_posts, name="my_posts"),
    path("my-space/board/inbox/", conversation_views.inbox, name="inbox"),
    path("my-space/board/conversations/<int:pk>/", conversation_views.conversation, name="conversation"),
    path(
        "my-space/board/conversations/<int:pk>/<slug:action>/",
        conversation_views.conversation_action,
        name="conversation_action",
    ),
]

# B2B meetings at an event (partnerships.meetings.urls), under the same names: partnerships:meeting_*.
urlpatterns += meetings_urls.urlpatterns
