from django.urls import path

from lantern.disruption import views

app_name = "disruption"

urlpatterns = [
    path("", views.register_list, name="register"),
    path("new/", views.record, name="create"),
    path("<int:disruption_action_id>/", views.detail, name="detail"),
    path("<int:disruption_action_id>/people/", views.link_person, name="link_person"),
    path("<int:disruption_action_id>/breaches/add/", views.breach_add, name="breach_add"),
    path("<int:disruption_action_id>/end/", views.end, name="end"),
]
