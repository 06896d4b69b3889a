"""The private collection that holds module resources.

Wagtail serves documents at /documents/<id>/<name>; files in this collection are refused
there (see wagtail_hooks) and served only by `learning.views.resource`, which applies the
module's access rule.
"""

from wagtail.models import Collection

COLLECTION_NAME = "Learning resources"


def resources_collection():
    """The collection, made under the root on first use."""
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    if existing:
        return existing
    # Wagtail's migration makes the root; a flushed database (transactional tests) has none.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return root.add_child(name=COLLECTION_NAME)


def is_private(document):
    return document.collection.name == COLLECTION_NAME
