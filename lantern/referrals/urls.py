from django.urls import path

from lantern.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.referral_new, name="referral_new"),
    path("concern/", views.concern_new, name="concern_new"),
    path("mine/", views.mine, name="mine"),
    path("<int:referral_id>/sent/", views.sent, name="sent"),
    path("<int:referral_id>/", views.detail, name="detail"),
    path("<int:referral_id>/record/", views.match, name="match"),
    path("<int:referral_id>/screening/", views.screen, name="screen"),
    path("<int:referral_id>/decision/", views.decide, name="decide"),
]
