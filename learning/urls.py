from django.urls import path

from learning import views
from learning.attendance import checkin_views
from learning.evaluation import views as evaluation_views
from learning.materials import views as material_views
from learning.quizzes import views as quiz_views

app_name = "learning"
urlpatterns = [
    path("account/learning/", views.dashboard, name="dashboard"),
    path("account/research-consent/", evaluation_views.consent, name="research_consent"),
    path(
        "account/learning/evaluation/<id:place_id>/<slug:wave>/",
        evaluation_views.wave_page,
        name="evaluation_wave",
    ),
    path(
        "account/learning/evaluation/<id:place_id>/<slug:wave>/thanks/",
        evaluation_views.thanks,
        name="evaluation_thanks",
    ),
    path(
        "learning/cohorts/<id:cohort_id>/materials/<id:material_id>/",
        material_views.download,
        name="material",
    ),
    path("learning/check-in/<str:token>/", checkin_views.check_in, name="check_in"),
    path("learning/modules/<id:module_id>/done/", views.mark_done, name="mark_done"),
    path(
        "learning/modules/<id:module_id>/reflection/",
        views.save_reflection,
        name="save_reflection",
    ),
    path(
        "learning/modules/<id:module_id>/resources/<id:document_id>/",
        views.resource,
        name="resource",
    ),
    path(
        "learning/modules/<id:module_id>/quizzes/<id:quiz_id>/start/",
        quiz_views.start_quiz,
        name="start_quiz",
    ),
    path("learning/attempts/<id:attempt_id>/", quiz_views.attempt_page, name="attempt"),
    path(
        "learning/attempts/<id:attempt_id>/submit/",
        quiz_views.submit_attempt,
        name="attempt_submit",
    ),
    path(
        "learning/attempts/<id:attempt_id>/result/",
        quiz_views.attempt_result,
        name="attempt_result",
    ),
]
