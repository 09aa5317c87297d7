// Repeatable form rows: a button with data-add-row="TABLE_ID" clones the table's last row
// with empty inputs and the next index in their names (Input.Contacts[3].Name …).
document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add-row]");
    if (!button) return;
    const body = document.getElementById(button.dataset.addRow)?.querySelector("tbody");
    const last = body?.lastElementChild;
    if (!last) return;
    const index = body.children.length;
    const row = last.cloneNode(true);
    row.querySelectorAll("input, select, textarea").forEach((input) => {
        input.name = input.name.replace(/\[\d+\]/, `[${index}]`);
        if (input.type === "checkbox") input.checked = false; else input.value = "";
    });
    row.querySelectorAll(".field-error").forEach((e) => e.textContent = "");
    body.appendChild(row);
    row.querySelector("input")?.focus();
});

// Type-specific blocks of the intake form: an element with data-show-when="A,B" is shown only while
// one of the symptom checkboxes A or B is ticked. Without JavaScript every block stays visible.
function updateConditionalBlocks() {
    const ticked = new Set([...document.querySelectorAll("input[data-symptom]:checked")].map((c) => c.dataset.symptom));
    document.querySelectorAll("[data-show-when]").forEach((block) => {
        block.hidden = !block.dataset.showWhen.split(",").some((kind) => ticked.has(kind));
    });
}
document.addEventListener("change", (event) => {
    if (event.target.matches("input[data-symptom]")) updateConditionalBlocks();
});
if (document.querySelector("[data-show-when]")) updateConditionalBlocks();

// No inline handlers (the Content-Security-Policy allows scripts from this site only):
// a select with data-submit-on-change submits its form; a button with data-print opens the print dialog.
document.addEventListener("change", (event) => {
    if (event.target.matches("select[data-submit-on-change]")) event.target.form.submit();
});
document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) window.print();
});

// Switching the language reloads the page. Forms marked data-keep-draft keep their unsaved input: just before the
// language form is sent their fields go into sessionStorage (keyed by page and form), and after the reload they
// are put back once (rows added with data-add-row are added again first). Without JavaScript the <noscript>
// button switches as before, without the draft.
(() => {
    const skip = new Set(["__RequestVerificationToken"]);
    const key = (form, index) => `keep-draft:${location.pathname}${location.search}:${form.id || index}`;
    const drafts = () => [...document.querySelectorAll("form[data-keep-draft]")];

    function save() {
        drafts().forEach((form, index) => {
            const fields = [...form.elements]
                .filter((el) => el.name && !skip.has(el.name) && !["file", "submit", "button", "reset"].includes(el.type))
                .map((el) => el.type === "checkbox" || el.type === "radio" ? [el.name, el.value, el.checked]
                    : el.multiple ? [el.name, [...el.selectedOptions].map((o) => o.value), null]
                    : [el.name, el.value, null]);
            try { sessionStorage.setItem(key(form, index), JSON.stringify(fields)); } catch { /* storage full or off */ }
        });
    }

    function ensureRow(form, name) {
        for (let tries = 0; tries < 50 && !form.querySelector(`[name="${CSS.escape(name)}"]`); tries++) {
            const sibling = form.querySelector(`[name="${CSS.escape(name.replace(/\[\d+\]/, "[0]"))}"]`);
            const table = sibling?.closest("table[id]");
            const button = table && document.querySelector(`[data-add-row="${CSS.escape(table.id)}"]`);
            if (!button) return;
            button.click();
        }
    }

    function restore() {
        drafts().forEach((form, index) => {
            let fields;
            try { fields = JSON.parse(sessionStorage.getItem(key(form, index)) || "null"); sessionStorage.removeItem(key(form, index)); } catch { return; }
            if (!Array.isArray(fields)) return;
            const seen = new Map();
            for (const [name, value, checked] of fields) {
                if (/\[\d+\]/.test(name)) ensureRow(form, name);
                const n = seen.get(name) ?? 0;
                seen.set(name, n + 1);
                const el = form.querySelectorAll(`[name="${CSS.escape(name)}"]`)[n];
                if (!el) continue;
                if (checked !== null) el.checked = checked;
                else if (Array.isArray(value)) [...el.options].forEach((o) => { o.selected = value.includes(o.value); });
                else el.value = value;
            }
            form.dispatchEvent(new Event("change", { bubbles: true }));
        });
        if (typeof updateConditionalBlocks === "function" && document.querySelector("[data-show-when]")) updateConditionalBlocks();
    }

    document.addEventListener("change", (event) => {
        const select = event.target.closest("select[data-switch-language]");
        if (!select) return;
        save();
        select.form.submit();
    });
    restore();
})();
