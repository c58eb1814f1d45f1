from django.urls import path

from lantern.reporting import views

app_name = "statistics"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("committee-report/", views.committee_report, name="committee_report"),
    path("export/", views.export, name="export"),
]
