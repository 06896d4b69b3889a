from django.apps import AppConfig


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = "Site"

    def ready(self):
        from allauth.mfa.signals import authenticator_added
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
        from django.urls import register_converter

        from cms import page_cache
        from cms.converters import DatabaseIdConverter
        from cms.groups import sync_groups
        from cms.mfa import record_mfa_on_activation
        from cms.page_cache import invalidate_on_change, invalidate_on_m2m_change

        register_converter(DatabaseIdConverter, "id")  # before any urls are read
        post_migrate.connect(sync_groups, dispatch_uid="cms-sync-groups")
        # Any model's rows, filtered by app in the receiver: cms imports nothing downstream.
        post_save.connect(invalidate_on_change, dispatch_uid="cms-page-cache-save")
        post_delete.connect(invalidate_on_change, dispatch_uid="cms-page-cache-delete")
        m2m_changed.connect(invalidate_on_m2m_change, dispatch_uid="cms-page-cache-m2m")
        # The page cache's version is read once a request (see page_cache.kept).
        request_started.connect(page_cache.request_started, dispatch_uid="cms-kept-start")
        request_finished.connect(page_cache.request_finished, dispatch_uid="cms-kept-end")
        authenticator_added.connect(record_mfa_on_activation, dispatch_uid="cms-mfa-activated")
