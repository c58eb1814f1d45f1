from django.urls import path

from lantern.intelligence import views

app_name = "intelligence"

urlpatterns = [
    path("", views.home, name="home"),
    path("reports/new/", views.report_create, name="report_create"),
    path("reports/<int:report_id>/", views.report_detail, name="report_detail"),
    path("reports/<int:report_id>/sanitise/", views.report_sanitise, name="report_sanitise"),
    path("reports/<int:report_id>/about/", views.report_entity_add, name="report_entity_add"),
    path("links/new/", views.link_create, name="link_create"),
    path("links/<int:link_id>/end/", views.link_end, name="link_end"),
    path("entities/<str:kind>/<int:entity_id>/", views.entity, name="entity"),
    path("submissions/", views.submission_queue, name="submission_queue"),
    path("submissions/new/", views.submission_create, name="submission_create"),
    path("submissions/mine/", views.submission_mine, name="submission_mine"),
    path("submissions/<int:submission_id>/", views.submission_detail, name="submission_detail"),
    path("submissions/<int:submission_id>/sent/", views.submission_receipt,
         name="submission_receipt"),
    path("submissions/<int:submission_id>/status/", views.submission_assess,
         name="submission_assess"),
    path("people/<int:person_id>/arrests/new/", views.encounter_create, name="encounter_create"),
    path("arrests/<int:encounter_id>/", views.encounter_detail, name="encounter_detail"),
    path("missing/<int:episode_id>/found-with/", views.found_with, name="found_with"),
    path("lines/", views.line_list, name="lines"),
    path("lines/counts/", views.line_counts, name="line_counts"),
    path("lines/new/", views.line_create, name="line_create"),
    path("lines/<int:line_id>/", views.line_detail, name="line_detail"),
    path("lines/<int:line_id>/change/", views.line_edit, name="line_edit"),
    path("lines/<int:line_id>/status/", views.line_status, name="line_status"),
    path("lines/<int:line_id>/print/", views.line_print, name="line_print"),
    path("lines/<int:line_id>/people/", views.line_link_person, name="line_link_person"),
]
