from django.urls import path

from lantern.missing import views

app_name = "missing"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/903/", views.export_903, name="export_903"),
    path("people/<int:person_id>/", views.person_episodes, name="person_episodes"),
    path("people/<int:person_id>/add/", views.episode_add, name="episode_add"),
    path("people/<int:person_id>/philomena/", views.philomena, name="philomena"),
    path("people/<int:person_id>/philomena/edit/", views.philomena_edit, name="philomena_edit"),
    path("people/<int:person_id>/philomena/confirm/", views.philomena_confirm, name="philomena_confirm"),
    path("people/<int:person_id>/philomena/photo/", views.philomena_photo, name="philomena_photo"),
    path("people/<int:person_id>/philomena/print/", views.philomena_print, name="philomena_print"),
    path("episodes/<int:episode_id>/", views.episode_detail, name="episode_detail"),
    path("episodes/<int:episode_id>/return/", views.episode_return, name="episode_return"),
    path("episodes/<int:episode_id>/philomena/", views.philomena_report, name="philomena_report"),
    path("interviews/<int:interview_id>/", views.interview_edit, name="interview_edit"),
    path("interviews/<int:interview_id>/mentions/", views.mention_add, name="mention_add"),
    path("mentions/<int:mention_id>/remove/", views.mention_remove, name="mention_remove"),
]
