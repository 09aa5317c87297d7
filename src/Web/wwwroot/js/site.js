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
