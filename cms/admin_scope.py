"""Snippet screens that show each member of staff only the rows they may see.

A viewset names its rows with `rows_for(user)`; every view it builds — the listing (and so
its search, filters and export), inspect, edit, delete, history and usage — is made to keep
to them, and anything else is a 404, as if it did not exist; there is no chooser. One place
for the rule, so a screen added by a Wagtail upgrade cannot quietly skip it.
"""

from django.http import Http404
from wagtail.admin.views.generic import IndexView
from wagtail.snippets.views.snippets import SnippetViewSet


class RowsIndexMixin:
    rows_for = None

    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=self.rows_for(self.request.user))


class RowsObjectMixin:
    rows_for = None

    def get_object(self, *args, **kwargs):
        found = super().get_object(*args, **kwargs)
        if found is not None and not self.rows_for(self.request.user).filter(pk=found.pk).exists():
            raise Http404("No such record.")
        return found


class RowScopedMixin:
    """For a ModelViewSet or SnippetViewSet that defines `rows_for(self, user)` (a queryset of
    the pks the user may see): every view it builds keeps to them."""

    def construct_view(self, view_class, **kwargs):
        mixin = RowsIndexMixin if issubclass(view_class, IndexView) else RowsObjectMixin
        scoped = type(view_class.__name__, (mixin, view_class), {})
        return super().construct_view(scoped, rows_for=self.rows_for, **kwargs)


class RowScopedSnippetViewSet(RowScopedMixin, SnippetViewSet):
    def register_chooser_viewset(self):
        """No chooser: nobody picks one of these records for a form, and a chooser (with its
        search and its "chosen" lookup by id) would list every row to anyone in the admin."""
