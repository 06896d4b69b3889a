from django.apps import AppConfig


class CoursesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "courses"

    def ready(self):
        from cms.groups import grant
        from cms.signals import personal_data_requested
        from courses import editors, privacy

        personal_data_requested.connect(
            privacy.export_trainer_profile, dispatch_uid="courses-export"
        )

        # Trainers see (only) the cohorts they run: courses.admin_views scopes them.
        grant("Trainers", "courses.view_cohort")
        # ...and edit the module pages of the courses they teach (Wagtail page permissions).
        editors.connect()
