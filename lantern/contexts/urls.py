from django.urls import path

from lantern.contexts import views

app_name = "contexts"

urlpatterns = [
    path("", views.context_list, name="list"),
    path("new/", views.context_create, name="create"),
    path("<int:context_id>/", views.context_detail, name="detail"),
    path("<int:context_id>/print/", views.context_print, name="print"),
    path("<int:context_id>/edit/", views.context_edit, name="edit"),
    path("<int:context_id>/close/", views.context_close, name="close"),
    path("<int:context_id>/people/add/", views.member_add, name="member_add"),
    path("people/<int:member_id>/end/", views.member_remove, name="member_remove"),
    path("<int:context_id>/actions/add/", views.action_add, name="action_add"),
    path("actions/<int:context_action_id>/", views.action_update, name="action_update"),
    path("<int:context_id>/notes/add/", views.note_add, name="note_add"),
]
