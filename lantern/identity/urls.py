from django.urls import path

from lantern.identity import views

app_name = "identity"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:match_id>/", views.match, name="match"),
    path("<int:match_id>/merge/", views.merge, name="merge"),
    path("merges/", views.merges, name="merges"),
    path("merges/<int:merge_id>/", views.merge_detail, name="merge_detail"),
    path("merges/<int:merge_id>/undo/", views.unmerge, name="unmerge"),
    path("candidates/", views.candidates, name="candidates"),
]
