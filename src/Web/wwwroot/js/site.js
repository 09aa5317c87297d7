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
