from django.urls import path

from lantern.accounts import views

app_name = "accounts"

urlpatterns = [
    path("session/extend/", views.session_extend, name="session_extend"),
]
