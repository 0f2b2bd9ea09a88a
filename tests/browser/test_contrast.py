"""WCAG 1.4.11, non-text contrast: the focus indicator and the edges of form fields reach 3:1 against the colours
next to them, measured from the styles the browser computes."""

import re

import pytest

from tests.browser.scenes import sign_in, use_language

pytestmark = pytest.mark.django_db(transaction=True)

# The colour behind an element: the first ancestor's (or its own) background that is not transparent.
BACKGROUND_JS = """element => {
    for (let node = element; node; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if (!/rgba\\(.*, 0\\)$/.test(colour) && colour !== 'transparent') return colour;
    }
    return 'rgb(255, 255, 255)';
}"""


def rgb(colour: str) -> tuple[int, int, int]:
    red, green, blue = (int(part) for part in re.findall(r"\d+(?:\.\d+)?", colour)[:3])
    return red, green, blue


def relative_luminance(colour: str) -> float:
    """WCAG 2.1: each sRGB channel linearised, then weighted 0.2126, 0.7152, 0.0722."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_wcag_formula():
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)"), 2) == 4.54
    assert round(contrast("rgb(242, 182, 0)", "rgb(255, 255, 255)"), 1) == 1.8  # the old yellow ring


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_search_box_its_focus_ring_and_a_focused_button_reach_3_to_1(page, member_ke, language):
    sign_in(page, member_ke)
    use_language(page, language)
    page.goto("/directory/")
    search = page.locator("#directory-q")
    behind = search.evaluate(f"input => ({BACKGROUND_JS})(input.parentElement)")
    border = search.evaluate("input => getComputedStyle(input).borderTopColor")
    assert contrast(border, behind) >= 3, (border, behind)
    assert contrast(border, search.evaluate(f"({BACKGROUND_JS})")) >= 3  # against the field's own white

    search.focus()
    for control in (search, page.get_by_role("button", name=re.compile("Search|بحث"))):
        control.focus()
        style = control.evaluate(
            "element => { const s = getComputedStyle(element); return {colour: s.outlineColor, width: s.outlineWidth,"
            " style: s.outlineStyle, shadow: s.boxShadow}; }"
        )
        assert style["style"] == "solid" and float(style["width"].removesuffix("px")) >= 2, style
        around = control.evaluate(f"element => ({BACKGROUND_JS})(element.parentElement)")
        assert contrast(style["colour"], around) >= 3, (style, around)  # the ring against the page
        gap = rgb(style["shadow"]) if style["shadow"] != "none" else rgb(around)  # the ring's inner edge
        assert contrast(style["colour"], "rgb({}, {}, {})".format(*gap)) >= 3, style


def test_a_link_focused_from_the_keyboard_has_the_dark_ring(page, member_ke):
    sign_in(page, member_ke)
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link, shown on focus
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    colour = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert contrast(colour, "rgb(255, 255, 255)") >= 3 and contrast(colour, "rgb(243, 246, 249)") >= 3
