"""Badge urls under /certificates/ (the certificates namespace)."""

from django.urls import path

from certificates.badges import views

urlpatterns = [
    path("status/<slug:purpose>/", views.status_list_credential, name="status_list"),
    path("<str:code>/badge.jwt", views.badge_jwt, name="badge_jwt"),
    path("<str:code>/badge.json", views.badge_json, name="badge_json"),
]
