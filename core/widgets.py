"""Form widgets of our own, where Django's cost too much on the pages staff open all day."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class LongListMixin:
    """A select whose options are written in Python, not through a template each: Django's ``select_option.html``
    include, once per option, made the two country lists (250 options each) a third of the event page's time."""

    def render(self, name, value, attrs=None, renderer=None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], " selected" if option["selected"] else "", option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html('<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options)


class LongSelect(LongListMixin, forms.Select):
    pass


class LongSelectMultiple(LongListMixin, forms.SelectMultiple):
    pass
