"""Account administration, mounted at ``/manage/`` (config/urls.py). Every name is declared in
lantern/access/matrix.yaml under "account administration"."""

from django.urls import path

from lantern.accounts import admin_views as views

app_name = "manage"

urlpatterns = [
    path("", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:user_id>/", views.user_detail, name="user_detail"),
    path("users/<int:user_id>/change/", views.user_edit, name="user_edit"),
    path("users/<int:user_id>/disable/", views.user_disable, name="user_disable"),
    path("users/<int:user_id>/enable/", views.user_enable, name="user_enable"),
    path("users/<int:user_id>/reset-mfa/", views.user_mfa_reset, name="user_mfa_reset"),
    path("users/<int:user_id>/reset-password/", views.user_password_reset, name="user_password_reset"),
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("agencies/<int:agency_id>/change/", views.agency_edit, name="agency_edit"),
    path("teams/", views.team_list, name="team_list"),
    path("teams/new/", views.team_create, name="team_create"),
    path("teams/<int:team_id>/change/", views.team_edit, name="team_edit"),
    path("team-members/", views.team_members, name="team_members"),
]
