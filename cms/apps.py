from django.apps import AppConfig


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save
        from django.urls import register_converter

        from cms.converters import DatabaseIdConverter
        from cms.groups import sync_groups
        from cms.page_cache import invalidate_on_change

        register_converter(DatabaseIdConverter, "id")  # before any urls are read
        post_migrate.connect(sync_groups, dispatch_uid="cms-sync-groups")
        # Any model's rows, filtered by app in the receiver: cms imports nothing downstream.
        post_save.connect(invalidate_on_change, dispatch_uid="cms-page-cache-save")
        post_delete.connect(invalidate_on_change, dispatch_uid="cms-page-cache-delete")
