from django.apps import AppConfig


class LearningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learning"

    def ready(self):
        from bookings.confirmation_extras import register_confirmation_extra
        from cms.groups import grant
        from cms.signals import account_erasing, personal_data_requested
        from learning import privacy
        from learning.evaluation import privacy as evaluation_privacy
        from learning.evaluation import tasks as evaluation_tasks  # noqa: F401  (Celery)
        from learning.evaluation.confirmation import before_wave_extra
        from learning.mailings import tasks  # noqa: F401  (registers the Celery task)
        from learning.workspace import Tab, register_tab

        personal_data_requested.connect(privacy.export_learning, dispatch_uid="learning-export")
        personal_data_requested.connect(
            evaluation_privacy.export_evaluation, dispatch_uid="evaluation-export"
        )
        account_erasing.connect(
            evaluation_privacy.erase_evaluation, dispatch_uid="evaluation-erase"
        )
        # The pre-course wave's link goes in each place's booking confirmation.
        register_confirmation_extra(before_wave_extra)
        # Trainers write the quizzes, agree adjustments, and see attempts and regrades.
        grant("Trainers", *[f"learning.{a}_quiz" for a in ("view", "add", "change")])
        grant("Trainers", *[f"learning.{a}_quizadjustment" for a in ("view", "add", "change")])
        grant("Trainers", "learning.view_quizattempt", "learning.view_quizregrade")
        # Trainers see the evaluation instruments and which wave asks what; staff change them,
        # so that every cohort of a course is measured the same way.
        grant("Trainers", "learning.view_instrument", "learning.view_courseevaluation")
        # Research downloads the pseudonymised export of consenting learners' answers.
        grant("Research", "learning.export_research")
        # Trainers keep the registers of the cohorts they teach.
        grant("Trainers", *[f"learning.{a}_attendancerecord" for a in ("view", "add", "change")])
        # Trainers share slides and handouts with the cohorts they teach.
        grant("Trainers", *[f"learning.{a}_cohortmaterial" for a in ("view", "add", "delete")])
        # Trainers email the cohorts they teach, from the templates staff keep.
        grant("Trainers", "learning.add_cohortmessage", "learning.view_cohortmessage")
        grant("Trainers", "learning.view_messagetemplate")
        for tab in (
            Tab("roster", "Roster", "learning_workspace_roster", 10),
            Tab("register", "Register", "learning_workspace_sessions", 20, PERMS["register"]),
            Tab("evaluation", "Evaluation", "learning_evaluation_cohort", 40, PERMS["evaluation"]),
            Tab("materials", "Materials", "learning_materials_cohort", 60, PERMS["materials"]),
            Tab("messages", "Messages", "learning_messages_cohort", 70, PERMS["messages"]),
        ):
            register_tab(tab)


PERMS = {
    "register": "learning.add_attendancerecord",
    "evaluation": "learning.view_courseevaluation",
    "materials": "learning.add_cohortmaterial",
    "messages": "learning.add_cohortmessage",
}
