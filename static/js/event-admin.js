'use strict';
// The event admin page: a searchable country picker, region presets and a pasted list that fill it, with a preview
// of how the pasted names were read. Without JavaScript the same fields work on save.
{
    const $ = django.jQuery;

    function picker() {
        return $('select.country-picker');
    }

    function addCodes(codes) {
        const select = picker();
        const chosen = new Set(select.val() || []);
        codes.forEach((code) => chosen.add(code));
        select.val(Array.from(chosen)).trigger('change');
    }

    function showPreview(box, data) {
        box.empty();
        if (data.names.length) {
            box.append($('<p>').text(box.data('readAs') + ' ' + data.names.join(', ') + ' (' + data.names.length + ')'));
        }
        if (data.unknown.length) {
            box.append($('<p class="errornote">').text(box.data('unknown') + ' ' + data.unknown));
        }
        const add = $('<button type="button" class="button">').text(box.data('addLabel'));
        add.prop('disabled', !data.codes.length || data.unknown.length > 0);
        add.on('click', () => {
            addCodes(data.codes);
            $('textarea.country-paste').val('');
            box.empty();
        });
        box.append(add);
    }

    function readPasted(textarea, box) {
        const text = textarea.val();
        if (!text.trim()) {
            box.empty();
            return;
        }
        $.getJSON(textarea.data('readUrl'), {text: text}, (data) => showPreview(box, data));
    }

    $(function() {
        const select = picker();
        if (!select.length) {
            return;
        }
        select.select2({width: '100%'});
        const regions = select.data('regions') || {};
        $('input.region-presets').on('change', function() {
            if (this.checked) {
                addCodes(regions[this.value] || []);
                this.checked = false;  // added now: saving must not add them again after a removal
            }
        });
        const textarea = $('textarea.country-paste');
        const box = $('<div class="country-paste-preview" aria-live="polite">').insertAfter(textarea);
        box.data({readAs: textarea.data('readAs'), unknown: textarea.data('unknown'), addLabel: textarea.data('addLabel')});
        let timer = null;
        textarea.on('input', () => {
            clearTimeout(timer);
            timer = setTimeout(() => readPasted(textarea, box), 300);
        });
    });
}

// The organisation rows: the names of the organisations in the registry, suggested as staff type.
{
    const $ = django.jQuery;

    $(function() {
        const list = $('#organisation-suggestions');
        if (!list.length) {
            return;
        }
        let timer = null;
        $(document).on('input', 'input.organisation-name', function() {
            const term = this.value.trim();
            clearTimeout(timer);
            if (term.length < 2) {
                return;
            }
            timer = setTimeout(() => {
                $.getJSON(list.data('url'), {term: term}, (data) => {
                    list.empty();
                    data.names.forEach((name) => list.append($('<option>').attr('value', name)));
                });
            }, 200);
        });
    });
}
