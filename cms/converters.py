"""URL converters shared by the apps' urls.

`<id:…>` is `<int:…>` for a database id: at most 18 digits, so every value fits a 64-bit
column. A longer number names no row; left to the lookup it overflows SQLite's integer
(a 500) on a page's id, where Django's own out-of-range guard does not reach."""

from django.urls.converters import IntConverter


class DatabaseIdConverter(IntConverter):
    regex = "[0-9]{1,18}"
