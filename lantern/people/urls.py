from django.urls import path

from lantern.people import fact_views, views

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
    path("<int:person_id>/chronology/pdf/", views.chronology_pdf, name="chronology_pdf"),
    path("<int:person_id>/schools/add/", fact_views.enrolment_add, name="enrolment_add"),
    path("<int:person_id>/schools/<int:enrolment_id>/end/", fact_views.enrolment_end,
         name="enrolment_end"),
    path("<int:person_id>/addresses/add/", fact_views.address_add, name="address_add"),
    path("<int:person_id>/addresses/<int:address_id>/end/", fact_views.address_end,
         name="address_end"),
    path("<int:person_id>/relationships/add/", fact_views.relationship_add,
         name="relationship_add"),
    path("<int:person_id>/relationships/<int:relationship_id>/end/", fact_views.relationship_end,
         name="relationship_end"),
]
