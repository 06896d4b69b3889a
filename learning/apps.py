from django.apps import AppConfig


class LearningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learning"

    def ready(self):
        from cms.signals import personal_data_requested
        from learning import privacy

        personal_data_requested.connect(privacy.export_learning, dispatch_uid="learning-export")
