// Accessible names for what the admin's scripts draw after the page has loaded, on every admin page.
//
// select2 4.0 (Django's autocomplete fields, the country picker) names its combobox only by the value chosen, so an
// empty box has no name, nor has the read-only textbox showing that value, and its search boxes have none at all:
// each gets the label of the <select> it stands for.
// SelectFilter2 (filter_horizontal) puts aria-label on a bare <span>, where ARIA does not allow it: the span becomes
// an image, which keeps the label as the name of its search box.
// And an open select2 box points to its list with aria-controls, as ARIA 1.2 asks, besides select2's aria-owns.
// Widgets are drawn at load, when a row is added and when a dropdown opens, so a MutationObserver names them as
// they appear.
"use strict";
{
    const labelOf = (select) => {
        const label = select.id && document.querySelector(`label[for="${CSS.escape(select.id)}"]`);
        return label || null;
    };

    const textOf = (select) => {
        const label = labelOf(select);
        return select.getAttribute("aria-label") || (label ? label.textContent.replace(/:\s*$/, "").trim() : "");
    };

    // The <select> a select2 container stands for: select2 draws its container right after it.
    const selectBefore = (container) => {
        const select = container.previousElementSibling;
        return select && select.tagName === "SELECT" ? select : null;
    };

    // The <select> of an open dropdown's search box: its results list is "select2-<id of the select>-results".
    const selectOfDropdown = (search) => {
        const results = (search.getAttribute("aria-controls") || "").match(/^select2-(.+)-results$/);
        return results ? document.getElementById(results[1]) : null;
    };

    const nameCombobox = (combobox, select) => {
        const label = labelOf(select);
        if (label) {
            label.id = label.id || `${select.id}-label`;
            const ids = (combobox.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
            if (!ids.includes(label.id)) combobox.setAttribute("aria-labelledby", [label.id, ...ids].join(" "));
        } else if (textOf(select)) {
            combobox.setAttribute("aria-label", textOf(select));
        }
    };

    // ARIA 1.2 wants an open combobox to name its list by aria-controls; select2 4.0 uses aria-owns (ARIA 1.0).
    const controlsOwnList = (combobox) => {
        const owned = combobox.getAttribute("aria-owns");
        if (owned && combobox.getAttribute("aria-controls") !== owned) combobox.setAttribute("aria-controls", owned);
        if (!owned && combobox.hasAttribute("aria-controls")) combobox.removeAttribute("aria-controls");
    };

    const nameAll = () => {
        document.querySelectorAll("select + .select2-container").forEach((container) => {
            const select = selectBefore(container);
            if (!select) return;
            container.querySelectorAll('[role="combobox"]').forEach((box) => {
                nameCombobox(box, select);
                controlsOwnList(box);
            });
            // The chosen value, drawn as a read-only textbox: named by the label too (the combobox, which it names
            // in turn, still reads its text, as a name is never taken from a second aria-labelledby).
            const label = labelOf(select);
            container.querySelectorAll('[role="textbox"]:not([aria-labelledby])').forEach((value) => {
                if (label) value.setAttribute("aria-labelledby", label.id);
            });
            container.querySelectorAll(".select2-search__field:not([aria-label])").forEach((search) => {
                if (textOf(select)) search.setAttribute("aria-label", textOf(select));
            });
        });
        document.querySelectorAll(".select2-dropdown .select2-search__field:not([aria-label])").forEach((search) => {
            const select = selectOfDropdown(search);
            if (select && textOf(select)) search.setAttribute("aria-label", textOf(select));
        });
        document.querySelectorAll("span.search-label-icon[aria-label]:not([role])").forEach((icon) => {
            icon.setAttribute("role", "img");
        });
    };

    // Of the attributes set here only aria-controls is watched, and it is set only when it changes: no loop.
    const observer = new MutationObserver(nameAll);
    const start = () => {
        nameAll();
        observer.observe(document.body, {childList: true, subtree: true, attributeFilter: ["aria-controls", "aria-owns"]});
    };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
}
