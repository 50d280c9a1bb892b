"""What the sci-tech, base and incubation pages share: a posted form that does not parse is
flashed (the pages post, then redirect back to the detail page)."""

from django.contrib import messages


def parsed(request, form) -> dict | None:
    """The form's cleaned data, or None after flashing its first error."""
    if form.is_valid():
        return form.cleaned_data
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}：{errors[0]}" if label else errors[0])
        break
    return None


def edit_initial(obj, form_class) -> dict:
    return {name: getattr(obj, name) for name in form_class.base_fields if hasattr(obj, name)}
