from django.urls import path

from lantern.audit import log_views, views

app_name = "audit"

urlpatterns = [
    path("", log_views.audit_log, name="log"),
    path("export/", log_views.audit_export, name="export"),
    path("people/<int:person_id>/", views.record_history, name="record_history"),
]
