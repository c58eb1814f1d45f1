from django.urls import path

from lantern.panels import views

app_name = "panels"

urlpatterns = [
    path("", views.panel_list, name="list"),
    path("new/", views.panel_create, name="create"),
    path("<int:panel_id>/", views.panel_detail, name="detail"),
    path("<int:panel_id>/members/add/", views.member_add, name="member_add"),
    path("<int:panel_id>/refer/", views.refer_person, name="refer_person"),
    path("<int:panel_id>/refer/place-or-group/", views.refer_context, name="refer_context"),
    path("<int:panel_id>/meetings/new/", views.meeting_add, name="meeting_add"),
    path("referrals/<int:panel_referral_id>/exit/", views.referral_exit, name="exit"),
    path("meetings/<int:panel_meeting_id>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:panel_meeting_id>/agenda/", views.agenda_build, name="agenda_build"),
    path("meetings/<int:panel_meeting_id>/themes/add/", views.theme_add, name="theme_add"),
    path("meetings/<int:panel_meeting_id>/attendance/", views.attendance, name="attendance"),
    path("meetings/<int:panel_meeting_id>/sign/", views.sign, name="sign"),
    path("meetings/<int:panel_meeting_id>/addenda/add/", views.addendum_add, name="addendum_add"),
    path("meetings/<int:panel_meeting_id>/pack.pdf", views.pack, name="pack"),
    path("items/<int:agenda_item_id>/", views.item_outcome, name="item"),
    path("items/<int:agenda_item_id>/actions/add/", views.action_add, name="action_add"),
    path("actions/<int:panel_action_id>/", views.action_update, name="action_update"),
]
