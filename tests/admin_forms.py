"""Build admin POST data the way a browser would: from the form a GET rendered, or from rows written by hand."""

from typing import Any

from django.forms import BaseForm


def changeform_data(response) -> dict[str, Any]:
    """The data the admin change page in ``response`` would submit unchanged, inlines included."""
    data = form_data(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    return data


def form_data(form: BaseForm) -> dict[str, Any]:
    data = {}
    for name in form.fields:
        value = _as_post_value(form[name].value())
        if value is not None:
            data[form.add_prefix(name)] = value
    return data


def inline_rows(prefix: str, rows: list[dict[str, Any]], initial: int = 0) -> dict[str, Any]:
    """POST data for an inline of new rows, with its management form."""
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{field}": value for field, value in row.items()})
    return data


def _as_post_value(value):
    if value is None or value is False:
        return None  # browsers send nothing for an empty value or an unticked box
    if value is True:
        return "on"
    if isinstance(value, list | tuple):
        return [str(getattr(item, "pk", item)) for item in value]
    return str(getattr(value, "pk", value))
