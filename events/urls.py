from django.urls import path

from events import calendar_views, checkin_views, views

app_name = "events"

urlpatterns: list = []

# Registration and waitlist (events.views).
urlpatterns += [
    path("registrations/event/<int:event_id>/", views.register, name="register"),
    path("registrations/event/<int:event_id>/colleague/", views.register_colleague, name="register_colleague"),
    path("registrations/<str:code>/", views.registration_detail, name="registration_detail"),
    path("registrations/<str:code>/cancel/", views.registration_cancel_view, name="registration_cancel"),
    path("my-space/registrations/", views.my_registrations, name="my_registrations"),
    path("waitlist/<str:token>/", views.waitlist, name="waitlist"),
    path("waitlist/<str:token>/claim/", views.waitlist_claim_view, name="waitlist_claim"),
]

# Calendars: .ics files and feeds (events.calendar_views).
urlpatterns += [
    path("calendar/events.ics", calendar_views.public_feed, name="calendar_feed"),
    path("calendar/events/<int:pk>.ics", calendar_views.event_calendar, name="event_ics"),
    path("calendar/me/<str:token>.ics", calendar_views.personal_feed, name="personal_calendar_feed"),
    path("my-space/calendar/reset/", calendar_views.personal_feed_reset, name="personal_calendar_reset"),
]

# Check-in at the door and badges (events.checkin_views).
urlpatterns += [
    path("events/<int:event_id>/check-in/", checkin_views.check_in, name="check_in"),
    path("events/<int:event_id>/check-in/count/", checkin_views.check_in_count, name="check_in_count"),
    path("registrations/<str:code>/badge.pdf", checkin_views.registration_badge, name="registration_badge"),
]
