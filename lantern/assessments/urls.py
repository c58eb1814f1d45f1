from django.urls import path

from lantern.assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("approvals/", views.approvals, name="approvals"),
    path("overrides/", views.override_report, name="override_report"),
    path("cohort/", views.cohort, name="cohort"),
    path("tools/<slug:tool>/v<int:version>/", views.tool_detail, name="tool_detail"),
    path("person/<int:person_id>/start/", views.start, name="start"),
    path("person/<int:person_id>/history/", views.history, name="history"),
    path("<int:assessment_id>/", views.task_list, name="task_list"),
    path("<int:assessment_id>/date/", views.details, name="details"),
    path("<int:assessment_id>/section/<slug:section_id>/", views.section, name="section"),
    path("<int:assessment_id>/check/", views.check, name="check"),
    path("<int:assessment_id>/result/", views.result, name="result"),
    path("<int:assessment_id>/judgement/", views.override, name="override"),
    path("<int:assessment_id>/judgement/decide/", views.override_decide, name="override_decide"),
    path("<int:assessment_id>/measures/", views.measures, name="measures"),
    path("<int:assessment_id>/measures/<slug:point>/", views.measure_record, name="measure_record"),
    path("actions/<int:task_id>/done/", views.action_complete, name="action_complete"),
]
