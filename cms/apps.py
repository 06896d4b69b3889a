from django.apps import AppConfig


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import post_migrate

        from cms.groups import sync_groups

        post_migrate.connect(sync_groups, dispatch_uid="cms-sync-groups")
