from django import forms, template
from wagtail.models import Site

register = template.Library()

# (class, class when the field has an error), written out in full: the built NHS.UK CSS keeps only
# the names that frontend/nhsuk_classes.py finds in the source.
INPUT_CLASSES = {
    "select": ("nhsuk-select", "nhsuk-select nhsuk-select--error"),
    "textarea": ("nhsuk-textarea", "nhsuk-textarea nhsuk-textarea--error"),
    "input": ("nhsuk-input", "nhsuk-input nhsuk-input--error"),
}


@register.filter
def widget_kind(field):
    """How a bound field is laid out in NHS.UK markup: input, select, textarea, checkbox,
    radios or checkboxes."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return "input"


@register.simple_tag
def nhsuk_widget(field, extra_class=""):
    """The field's widget with NHS.UK classes, and described by its hint and error."""
    kind = widget_kind(field)
    if kind == "checkbox":
        classes = "nhsuk-checkboxes__input"
    else:
        classes = INPUT_CLASSES.get(kind, INPUT_CLASSES["input"])[bool(field.errors)]
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs = {"class": f"{classes} {extra_class}".strip()}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    # The server validates; forms say novalidate, so no browser "required" bubbles.
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors from the site's home page down, NHS.UK breadcrumb style."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None or page.pk == site.root_page_id or page.depth <= site.root_page.depth:
        return {"items": []}
    ancestors = routed_ancestors(page, site.root_page.depth)
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gte=site.root_page.depth).live()
    items = [
        {"title": "Home" if a.pk == site.root_page_id else a.title, "url": a.get_url(request)}
        for a in ancestors
    ]
    return {"items": items, "current": page.title}


def routed_ancestors(page, depth):
    """The live ancestors down from `depth` that routing the request has already read (Wagtail
    leaves each page's parent on it as it walks), or None when it has not."""
    chain = []
    while page.depth > depth:
        page = getattr(page, "_cached_parent_obj", None)
        if page is None:
            return None
        chain.append(page)
    return [ancestor for ancestor in reversed(chain) if ancestor.live]


def _form_errors(form):
    for error in form.non_field_errors():
        yield {"text": error, "href": ""}
    for field in form:
        for error in field.errors:
            yield {"text": error, "href": f"#{first_input_id(field)}"}


def first_input_id(field):
    """The id an error links to: the field's, or its first option's for radios and
    checkboxes (their inputs are numbered, as the field template renders them)."""
    if widget_kind(field) in ("radios", "checkboxes"):
        return f"{field.auto_id}_0"
    return field.auto_id


@register.inclusion_tag("includes/error_summary_list.html")
def error_summary(*forms_or_formsets):
    """One NHS.UK error summary for every error of the forms and formsets given."""
    items = []
    for item in forms_or_formsets:
        if item is None or item == "":
            continue
        if hasattr(item, "forms"):  # a formset
            items += [{"text": e, "href": ""} for e in item.non_form_errors()]
            for form in item.forms:
                items += list(_form_errors(form))
        else:
            items += list(_form_errors(item))
    return {"items": items}
