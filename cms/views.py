import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms import accounts, health
from cms.forms import DeleteAccountForm, ProfileForm


@require_GET
@never_cache
def healthz(request):
    checks = health.run_checks()
    healthy = all(c["ok"] for c in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


@require_GET
@never_cache
def live(request):
    """Liveness: the process answers, nothing else is checked. Also the "bare view" that
    benchmarks measure every page against (bench/bench_pages.py)."""
    return HttpResponse("ok\n", content_type="text/plain")


healthz.needs_no_site = live.needs_no_site = True  # cms.middleware.KeptSiteMiddleware


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /account/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your details have been saved.")
        return redirect("account_profile")
    return render(request, "cms/account/profile.html", {"form": form})


@login_required
@never_cache
def data_export(request):
    data = accounts.export_personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, default=str), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        accounts.erase_account(user=user, choices=form.erasure_choices)
        messages.success(request, "Your account has been deleted.")
        return redirect("/")
    return render(request, "cms/account/delete.html", {"form": form})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: the database may be what failed.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
