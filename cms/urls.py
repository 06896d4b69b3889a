from django.conf import settings
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms import views
from cms.search import search

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.live, name="healthz_live"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("search/", search, name="search"),
    # The Wagtail admin signs in through allauth, so MFA and rate limits hold there too.
    path(
        "admin/login/",
        RedirectView.as_view(url="/accounts/login/", query_string=True),
        name="admin_login_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("account/", views.profile, name="account_profile"),
    path("account/data.json", views.data_export, name="account_data_export"),
    path("account/delete/", views.delete_account, name="account_delete"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Each app's urls are included by dotted string (DESIGN.md); Wagtail's page tree comes last.
urlpatterns += [
    path("courses/", include("courses.urls")),
    path("", include("bookings.urls")),
    path("", include("learning.urls")),
    path("certificates/", include("certificates.urls")),
    path(".well-known/", include("certificates.badges.well_known")),  # the badge issuer's key
    path("", include(wagtail_urls)),
]
