from django.apps import AppConfig


class LearningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learning"

    def ready(self):
        from cms.groups import grant
        from cms.signals import personal_data_requested
        from learning import privacy

        personal_data_requested.connect(privacy.export_learning, dispatch_uid="learning-export")
        # Trainers write the quizzes, agree adjustments, and see attempts and regrades.
        grant("Trainers", *[f"learning.{a}_quiz" for a in ("view", "add", "change")])
        grant("Trainers", *[f"learning.{a}_quizadjustment" for a in ("view", "add", "change")])
        grant("Trainers", "learning.view_quizattempt", "learning.view_quizregrade")
        # Trainers keep the registers of the cohorts they teach.
        grant("Trainers", *[f"learning.{a}_attendancerecord" for a in ("view", "add", "change")])
