from django.urls import path

from lantern.people import views

app_name = "people"

urlpatterns = [
    path("", views.search, name="search"),
    path("<int:person_id>/", views.person_detail, name="person_detail"),
    path("<int:person_id>/chronology/", views.chronology, name="chronology"),
    path("<int:person_id>/chronology/print/", views.chronology_print, name="chronology_print"),
    path("<int:person_id>/chronology/add/", views.event_add, name="event_add"),
]
