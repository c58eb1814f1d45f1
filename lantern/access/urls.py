from django.urls import path

from lantern.access import views

app_name = "access"

urlpatterns = [
    path("break-glass/", views.break_glass_queue, name="break_glass_queue"),
    path("break-glass/<int:person_id>/", views.break_glass, name="break_glass"),
    path("break-glass/review/<int:grant_id>/", views.break_glass_review, name="break_glass_review"),
    path("people/<int:person_id>/restriction/", views.restriction, name="restriction"),
]
