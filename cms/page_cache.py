"""A full-page cache for anonymous visitors: the home page, the catalogue, course pages, the
certificate check form and content pages answer from the cache without touching the database.

Only a plain GET from someone with no session cookie and no pending messages is answered from
(or stored in) the cache, and only pages that opt in: Wagtail pages whose class sets
`anonymous_page_cache = True` (see `cms.wagtail_hooks`) and views wrapped in
`cache_for_anonymous`. A response that sets a cookie (a CSRF token, a session) is never stored,
so nothing personal can be handed to the next visitor.

Freshness: every entry carries the cache-wide version it was rendered under, and any saved or
deleted row of the apps in `settings.PAGE_CACHE_APPS` (a page published, a place held,
confirmed or cancelled, a cohort edited) replaces the version, straight away and again once
its transaction commits. Changes no signal reports (a hold lapsing by time, a bulk update) show
once an entry's `settings.PAGE_CACHE_SECONDS` have passed: seconds, never hours.

No stampede: when an entry goes stale, the first request renders the page again and the
requests arriving meanwhile get the stale copy, for the time of that one render (at most
RENDER_LOCK_SECONDS, should the renderer die).
"""

import functools
import hashlib
import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

VERSION_KEY = "page-cache:version"
HIT_HEADER = "X-Page-Cache"  # "hit", "stale" or "miss": for benchmarks and people checking
RENDER_LOCK_SECONDS = 10
# A stale entry is kept this much longer than it is fresh, to answer while one re-renders.
STALE_GRACE_SECONDS = 60
# Headers that describe one transfer, not the page.
HOP_HEADERS = {"content-length", "date", "set-cookie"}


def cache_for_anonymous(view):
    """Let the middleware cache this view's answers to anonymous visitors."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        allow(request)
        return view(request, *args, **kwargs)

    return wrapper


def allow(request):
    request.page_cache_allowed = True


def invalidate(**_signal_kwargs):
    """Make every stored page stale: now, and again when the current transaction commits, so
    that a page rendered from the uncommitted state in between is not kept either."""
    _new_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_new_version)


# The version one request reads, once (not once for each kept fact: each read is a round
# trip to Redis), and the kept facts this process has read under it.
_request = threading.local()
_known = {}
KNOWN_LIMIT = 1000


def _new_version():
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    if getattr(_request, "version", None):
        _request.version = version  # this request's own change shows to itself at once


def request_started(**_signal_kwargs):
    """request_started receiver: the next current_version() reads the cache again, so a
    change made by another process shows on this process's next request."""
    _request.version = ""


def request_finished(**_signal_kwargs):
    _request.version = None  # outside a request (a task, a command) every read is fresh


def current_version():
    """The version that anything kept alongside the pages (the header's menu) is valid for:
    read from the cache once a request."""
    if getattr(_request, "version", None) is None:
        return _read_version()
    if not _request.version:
        _request.version = _read_version()
    return _request.version


def _read_version():
    return cache.get(VERSION_KEY) or _first_version()


def kept(name, compute):
    """`compute()`, kept in the cache until the next change that makes pages stale: for the
    small facts every signed-in page shows (the footer's settings, whether any page is
    private, the header's account links). Each process also holds what it read under the
    current version, so a request pays one cache read for them all. The value is shared:
    callers must not change it (copy a model instance before handing it on)."""
    version, now = current_version(), time.monotonic()
    held = _known.get(name)
    if held is not None and held[0] == version and held[2] > now:
        return held[1]
    key = f"kept:{name}:{version}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, settings.PAGE_CACHE_SECONDS)
    if len(_known) >= KNOWN_LIMIT:
        _known.clear()
    # No longer than the cache keeps it: a change no signal reports shows as late as before.
    _known[name] = (version, found, now + settings.PAGE_CACHE_SECONDS)
    return found


def view_restrictions_exist():
    from wagtail.models import PageViewRestriction

    return kept("view-restrictions", PageViewRestriction.objects.exists)


def _first_version():
    version = uuid.uuid4().hex
    if not cache.add(VERSION_KEY, version, None):
        version = cache.get(VERSION_KEY)
    return version


def anonymous(request):
    """A plain GET that no session or message can have personalised."""
    return (
        request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def entry_key(request):
    url = f"{request.scheme}://{request.get_host()}{request.path}"
    return "page-cache:page:" + hashlib.sha256(url.encode()).hexdigest()


def lookup(key):
    """(the current version, the stored entry, whether that entry is fresh)."""
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        return _first_version(), None, False
    entry = found.get(key)
    fresh = bool(entry) and entry["version"] == version and time.time() < entry["fresh_until"]
    return version, entry, fresh


def render_lock(key):
    """True for the one request that should render the page again."""
    return cache.add(key + ":rendering", 1, RENDER_LOCK_SECONDS)


def release(key):
    cache.delete(key + ":rendering")


def storable(request, response):
    return (
        getattr(request, "page_cache_allowed", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
    )


def shared_headers(response):
    """Anyone may get this copy, but it changes with the places left: check back each time,
    and never serve it to someone signed in (their Cookie header differs)."""
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ["Cookie"])


def private_headers(response):
    patch_cache_control(response, private=True, max_age=0)
    patch_vary_headers(response, ["Cookie"])


def store(key, version, response):
    entry = {
        "version": version,
        "fresh_until": time.time() + settings.PAGE_CACHE_SECONDS,
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in HOP_HEADERS],
        "content": response.content,
    }
    cache.set(key, entry, settings.PAGE_CACHE_SECONDS + STALE_GRACE_SECONDS)


def rebuild(entry, state="hit"):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response[HIT_HEADER] = state
    return response


class AnonymousPageCacheMiddleware:
    """Placed before the session middleware, so that a hit costs one cache round trip and
    no database query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not anonymous(request):
            response = self.get_response(request)
            if getattr(request, "page_cache_allowed", False):
                private_headers(response)
            return response
        key = entry_key(request)
        version, entry, fresh = lookup(key)
        if fresh:
            return rebuild(entry)
        renderer = render_lock(key)
        if entry and not renderer:
            return rebuild(entry, "stale")  # another request is rendering it now
        try:
            response = self.get_response(request)
            if storable(request, response):
                shared_headers(response)
                store(key, version, response)
                response[HIT_HEADER] = "miss"
        finally:
            if renderer:
                release(key)
        return response


def invalidate_on_m2m_change(sender, action, **kwargs):
    """m2m_changed receiver: rows added to or taken from a many-to-many (a cohort's trainers,
    an organisation's managers) are changes too."""
    if action.startswith("post_"):
        invalidate_on_change(sender)


def invalidate_on_change(sender, **kwargs):
    """post_save / post_delete receiver: a change to any row an anonymous page may show."""
    if sender._meta.app_label in settings.PAGE_CACHE_APPS and sender._meta.label not in (
        settings.AUTH_USER_MODEL,
    ):
        invalidate()
