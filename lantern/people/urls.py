from django.urls import path

from lantern.people import views

app_name = "people"

urlpatterns = [
    path("", views.search, name="search"),
    path("new/", views.person_create, name="person_create"),
    path("<int:person_id>/", views.person_detail, name="person_detail"),
    path("<int:person_id>/change/", views.person_edit, name="person_edit"),
    path("<int:person_id>/identifiers/add/", views.identifier_add, name="identifier_add"),
    path("<int:person_id>/names/add/", views.alias_add, name="alias_add"),
    path("<int:person_id>/chronology/", views.chronology, name="chronology"),
    path("<int:person_id>/chronology/print/", views.chronology_print, name="chronology_print"),
    path("<int:person_id>/chronology/add/", views.event_add, name="event_add"),
]
