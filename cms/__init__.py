"""The site shell: settings, urls, the Celery app, accounts, home and content pages.

`cms` is the first app on the river (cms <- courses <- bookings <- learning <- certificates):
it imports none of the others. It owns

- the Django project (``cms.settings``, ``cms.urls``, wsgi/asgi) and ``cms.celery``;
- the user model (email is the login) and the learner's profile, data export and erasure;
  downstream apps join in through the signals in ``cms.signals``, ask the delete-account
  form's extra questions through ``cms.erasure`` and state their retention periods on the
  privacy notice through ``cms.retention``; ``cms.log_filters`` keeps personal data out of
  the logs;
- ``HomePage``, ``ContentPage``, ``SiteSettings`` and the shared StreamField blocks;
- ``cms.page_cache``: the full-page cache for anonymous visitors (home, catalogue, course
  pages, the certificate check), invalidated by any saved course, booking or page;
- ``/healthz``, ``/healthz/live`` (the bare liveness answer), ``robots.txt``, the sitemap,
  site search and the error pages;
- the ``seed_demo`` command, which calls each installed app's ``demo.seed(scale=...)``.
"""

from .celery import app as celery_app

__all__ = ["celery_app"]
