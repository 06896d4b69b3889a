"""CPD record urls under /certificates/ (the certificates namespace)."""

from django.urls import path

from certificates.cpd import views

urlpatterns = [
    path("cpd/", views.chooser, name="cpd_records"),
    path("cpd/<slug:regulator>/record.pdf", views.record_pdf, name="cpd_record_pdf"),
    path("cpd/<slug:regulator>/record.csv", views.record_csv, name="cpd_record_csv"),
]
