"""The participants' B2B meeting pages; `partnerships.urls` adds them to its own, so names stay
`partnerships:meeting_*`. <pk> is the brokerage session's, or the request's."""

from django.urls import path

from partnerships.meetings import views

urlpatterns = [
    path("meetings/<int:pk>/", views.session_home, name="meeting_session"),
    path("meetings/<int:pk>/join/", views.join, name="meeting_join"),
    path("meetings/<int:pk>/participants/", views.participants, name="meeting_participants"),
    path(
        "meetings/<int:pk>/participants/<int:profile_pk>/request/",
        views.request_create,
        name="meeting_request_create",
    ),
    path("meetings/<int:pk>/agenda/", views.agenda, name="meeting_agenda"),
    path("meetings/<int:pk>/agenda.pdf", views.agenda_pdf, name="meeting_agenda_pdf"),
    path("meetings/requests/<int:pk>/", views.request_detail, name="meeting_request"),
    path("meetings/requests/<int:pk>/<slug:action>/", views.request_action, name="meeting_request_action"),
]
