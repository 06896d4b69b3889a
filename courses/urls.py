from django.urls import path

from courses import views

app_name = "courses"
urlpatterns = [
    path("cohorts/<id:pk>/calendar.ics", views.cohort_calendar, name="cohort_calendar"),
]
