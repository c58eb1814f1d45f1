from django.urls import path

from lantern.audit import views

app_name = "audit"

urlpatterns = [
    path("people/<int:person_id>/", views.record_history, name="record_history"),
]
