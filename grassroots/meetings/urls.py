from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_new, name="new"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/act/", views.meeting_act, name="act"),
    path("<int:pk>/minutes/", views.meeting_minutes, name="minutes"),
    path("<int:pk>/attendance/", views.meeting_attendance, name="attendance"),
    path("<int:pk>/attendees/", views.meeting_attendees, name="attendees"),
    path("<int:pk>/attachments/", views.meeting_attachments, name="attachments"),
    path("<int:pk>/votes/new/", views.vote_new, name="vote_new"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
]
