"""Staff pages for reports from young people (mounted at ``youth-reports/`` in config/urls.py)."""

from django.urls import path

from lantern.youth import views_staff as views

app_name = "youth"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:youth_report_id>/", views.report, name="report"),
    path("<int:youth_report_id>/intelligence/", views.intelligence, name="intelligence"),
    path("<int:youth_report_id>/images/<int:image_id>/", views.image, name="image"),
]
