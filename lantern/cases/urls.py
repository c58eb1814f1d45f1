from django.urls import path

from lantern.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.my_caseload, name="my_caseload"),
    path("actions/", views.my_actions, name="my_actions"),
    path("team/", views.team, name="team"),
    path("team/reassign/", views.reassign, name="reassign"),
    path("team/resurfaced/<int:resurfacing_id>/", views.resurfacing, name="resurfacing"),
    path("alerts/<int:alert_id>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
    path("tasks/<int:task_id>/done/", views.task_done, name="task_done"),
    path("tasks/<int:task_id>/assign/", views.task_assign, name="task_assign"),
    path("<int:case_id>/", views.case_detail, name="case_detail"),
    path("<int:case_id>/print/", views.case_print, name="case_print"),
    path("<int:case_id>/pdf/", views.case_pdf, name="case_pdf"),
    path("<int:case_id>/allocate/", views.allocate, name="allocate"),
    path("<int:case_id>/agencies/add/", views.agency_add, name="agency_add"),
    path("<int:case_id>/agencies/<int:involvement_id>/end/", views.agency_end, name="agency_end"),
    path("<int:case_id>/agencies/<int:involvement_id>/restore/", views.agency_restore,
         name="agency_restore"),
    path("<int:case_id>/plan/", views.plan, name="plan"),
    path("<int:case_id>/plan/<slug:section>/", views.plan_section, name="plan_section"),
    path("<int:case_id>/actions/add/", views.action_add, name="action_add"),
    path("<int:case_id>/actions/<int:action_id>/", views.action_update, name="action_update"),
    path("<int:case_id>/contacts/add/", views.contact_add, name="contact_add"),
    path("<int:case_id>/reviews/add/", views.review_add, name="review_add"),
    path("<int:case_id>/close/", views.close, name="close"),
]
