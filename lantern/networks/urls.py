from django.urls import path

from lantern.networks import views

app_name = "networks"

urlpatterns = [
    path("", views.home, name="home"),
    path("map/", views.map_view, name="map"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/<int:alert_id>/seen/", views.alert_acknowledge, name="alert_acknowledge"),
    path("<str:kind>/<int:pk>/", views.network, name="view"),
    path("<str:kind>/<int:pk>/export/", views.export, name="export"),
]
