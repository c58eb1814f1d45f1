from django.urls import path

from lantern.threats import views

app_name = "threats"

urlpatterns = [
    path("", views.index, name="index"),
]
