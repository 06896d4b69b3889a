from .pages import ContentPage, HomePage, ViewRestrictionsWhenAnyMixin
from .settings import SiteSettings
from .users import User

__all__ = [
    "ContentPage",
    "HomePage",
    "SiteSettings",
    "User",
    "ViewRestrictionsWhenAnyMixin",
]
