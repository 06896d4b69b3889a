from django.urls import path

from learning import views

app_name = "learning"
urlpatterns = [
    path("account/learning/", views.dashboard, name="dashboard"),
    path("learning/modules/<int:module_id>/done/", views.mark_done, name="mark_done"),
    path(
        "learning/modules/<int:module_id>/reflection/",
        views.save_reflection,
        name="save_reflection",
    ),
    path(
        "learning/modules/<int:module_id>/resources/<int:document_id>/",
        views.resource,
        name="resource",
    ),
]
