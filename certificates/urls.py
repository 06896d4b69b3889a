from django.urls import include, path

from certificates import views

app_name = "certificates"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    path("<str:code>/download/", views.download, name="download"),
    path("<str:code>/correct-name/", views.request_correction, name="request_correction"),
    path("", include("certificates.badges.urls")),  # Open Badges
    path("", include("certificates.cpd.urls")),  # CPD records
    path("<str:code>/", views.certificate_page, name="certificate"),
]
