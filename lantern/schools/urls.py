from django.urls import path

from lantern.schools import views

app_name = "schools"

urlpatterns = [
    path("", views.home, name="home"),
    path("notices/", views.notices, name="notices"),
    path("notices/<int:notice_id>/acknowledge/", views.notice_acknowledge, name="notice_acknowledge"),
    path("pupils/<int:person_id>/education/", views.education_event_add, name="education_event_add"),
]
