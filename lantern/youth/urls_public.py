"""Public youth-site pages (mounted at ``/`` by ``config/urls_youth.py``)."""

from django.urls import path

from lantern.youth import views_public as views

app_name = "public"
urlpatterns = [
    path("", views.start, name="start"),
    path("before-you-start/", views.before_you_start, name="before_you_start"),
    path("tell-us/", views.report, name="report"),
    path("sent/", views.sent, name="sent"),
    path("check/", views.check, name="check"),
    path("check/add/", views.add_more, name="add_more"),
    path("help-now/", views.help_now, name="help_now"),
    path("staying-safe/", views.staying_safe, name="staying_safe"),
    path("what-we-know/", views.anonymous, name="anonymous"),
    path("exit/", views.exit_page, name="exit"),
]
