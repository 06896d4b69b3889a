from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Site

from cms.models import SiteSettings
from courses import calendar, selectors
from courses.access import cohorts_with_joining_details
from courses.forms import CatalogueFilterForm
from courses.models import Cohort
from courses.seo import course_json_ld, json_ld_script


def course_index(request, index_page):
    courses = selectors.live_courses(index_page)
    form = CatalogueFilterForm(request.GET or None, courses=courses)
    context = {
        "page": index_page,
        "self": index_page,
        "form": form,
        "rows": selectors.catalogue_rows(courses, **form.filters()),
        "filtered": bool(request.GET),
    }
    return TemplateResponse(request, "courses/course_index_page.html", context)


def upcoming_dates(request, index_page):
    courses = selectors.live_courses(index_page)
    form = CatalogueFilterForm(request.GET or None, courses=courses)
    filters = form.filters()
    context = {
        "page": index_page,
        "self": index_page,
        "form": form,
        "course": filters["course"],
        "dates": selectors.dates_page(courses, number=request.GET.get("page"), **filters),
        "filtered": bool(request.GET.keys() - {"page"}),
    }
    return TemplateResponse(request, "courses/upcoming_dates.html", context)


def course_page(request, page):
    cohorts = selectors.course_cohorts(page)
    tiers = sorted(page.price_tiers.all(), key=lambda t: t.price_pence)
    url = page.get_full_url(request)
    site = Site.find_for_request(request)
    json_ld = course_json_ld(
        page,
        cohorts,
        url=url,
        lowest_price_pence=tiers[0].price_pence if tiers else None,
        provider_name=SiteSettings.for_site(site).provider_name if site else "",
    )
    shown = sum(1 for cohort in cohorts if cohort.availability.reason != "cancelled")
    total = cohorts[0].course_total if cohorts else 0
    context = {
        "page": page,
        "self": page,
        "cohorts": cohorts,
        "dates_total": total,
        "all_dates_url": page.all_dates_url(request) if total > shown else "",
        "price_tiers": tiers,
        "trainers": selectors.course_trainers(page),
        "json_ld": json_ld_script(json_ld),
        "canonical_url": url,
        "joining_visible": cohorts_with_joining_details(request.user, cohorts),
    }
    return TemplateResponse(request, "courses/course_page.html", context)


def cohort_calendar(request, pk):
    cohort = get_object_or_404(Cohort.objects.published().select_related("course"), pk=pk)
    if not cohort.course.live:
        raise Http404
    body = calendar.cohort_ics(cohort, request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{cohort.course.slug}-{cohort.start_date}.ics"'
    )
    return response
