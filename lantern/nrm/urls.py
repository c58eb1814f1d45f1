from django.urls import path

from lantern.nrm import views

app_name = "nrm"

urlpatterns = [
    path("child/<int:person_id>/", views.person_nrm, name="person"),
    path("child/<int:person_id>/refer/", views.referral_create, name="referral_create"),
    path("child/<int:person_id>/charges/add/", views.charge_add, name="charge_add"),
    path("referrals/<int:nrm_referral_id>/", views.referral_detail, name="referral"),
    path("referrals/<int:nrm_referral_id>/decisions/", views.referral_decisions, name="decisions"),
    path("charges/<int:charge_id>/court/", views.charge_court, name="court"),
    path("charges/<int:charge_id>/section-45/", views.section45_note, name="section45"),
    path("charges/<int:charge_id>/section-45/print/", views.section45_print, name="section45_print"),
]
