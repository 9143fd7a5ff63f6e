from django.urls import path

from members import views
from members.communications import views as email_views
from members.dues import views as dues_views

app_name = "members"

urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("join/", views.apply, name="apply"),
    path("join/thanks/", views.apply_done, name="apply_done"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("privacy/", views.privacy_notice, name="privacy_notice"),
    path("my-space/", views.dashboard, name="dashboard"),
    path("my-space/profile/", views.profile_edit, name="profile_edit"),
    path("my-space/my-data.zip", views.data_export, name="data_export"),
    path("my-space/delete-account/", views.account_delete, name="account_delete"),
    path("my-space/companies/<slug:slug>/", views.organisation_edit, name="organisation_edit"),
    path("my-space/companies/<slug:slug>/people/", views.people, name="people"),
    path("my-space/companies/<slug:slug>/membership/join/", dues_views.membership_join, name="membership_join"),
    path("my-space/companies/<slug:slug>/membership/renew/", dues_views.membership_renew, name="membership_renew"),
    path("my-space/companies/<slug:slug>/people/<int:pk>/role/", views.person_role, name="person_role"),
    path("my-space/companies/<slug:slug>/people/<int:pk>/remove/", views.person_remove, name="person_remove"),
    path(
        "my-space/companies/<slug:slug>/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "my-space/companies/<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    # E-mail preferences and the unsubscribe links of announcements.
    path("my-space/email-preferences/", email_views.email_preferences, name="email_preferences"),
    path("unsubscribe/<str:token>/", email_views.unsubscribe, name="unsubscribe"),
]
