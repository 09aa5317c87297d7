// Evidence page: resumable chunked uploads with a progress bar per file, and live analysis status.
// Protocol: see src/Web/Endpoints/EvidenceUploadEndpoints.cs.
(() => {
    const section = document.getElementById("uploader");
    if (!section) return;
    const caseId = section.dataset.case;
    const token = section.querySelector("input[name=__RequestVerificationToken]").value;
    const chunkSize = 8 * 1024 * 1024;
    const headers = { RequestVerificationToken: token };

    const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

    async function json(response) {
        const body = await response.json().catch(() => ({}));
        if (!response.ok) {
            const errors = body.errors ? Object.values(body.errors).flat().join(" ") : body.error || response.statusText;
            throw Object.assign(new Error(errors), { status: response.status, body });
        }
        return body;
    }

    async function uploadOne(file, receivedFrom, row) {
        const bar = row.querySelector("progress");
        const state = row.querySelector(".state");
        const { uploadId } = await json(await fetch(`/api/evidence/cases/${caseId}/uploads`, {
            method: "POST", headers: { ...headers, "Content-Type": "application/json" },
            body: JSON.stringify({ fileName: file.name, size: file.size }),
        }));
        let offset = 0;
        let failures = 0;
        while (offset < file.size) {
            try {
                const response = await fetch(`/api/evidence/uploads/${uploadId}?offset=${offset}`, {
                    method: "PUT", headers: { ...headers, "Content-Type": "application/octet-stream" },
                    body: file.slice(offset, offset + chunkSize),
                });
                if (response.status === 409) {
                    offset = (await response.json()).offset;
                    continue;
                }
                offset = (await json(response)).offset;
                failures = 0;
                bar.value = Math.floor((offset / file.size) * 100);
                state.textContent = `${bar.value}%`;
            } catch (error) {
                if (error.status && error.status < 500) throw error;
                // Network error or server restart: wait, ask the server how much it has, resume from there.
                failures++;
                state.textContent = section.dataset.resuming || "…";
                await delay(Math.min(30000, 500 * 2 ** failures));
                try {
                    offset = (await json(await fetch(`/api/evidence/uploads/${uploadId}`, { headers }))).offset;
                } catch { /* still offline: try again */ }
            }
        }
        const { evidenceId } = await json(await fetch(`/api/evidence/uploads/${uploadId}/complete`, {
            method: "POST", headers: { ...headers, "Content-Type": "application/json" },
            body: JSON.stringify({ receivedFrom }),
        }));
        bar.value = 100;
        row.dataset.evidence = evidenceId;
        row.classList.add("done");
        state.textContent = "✓";
    }

    document.getElementById("start-upload").addEventListener("click", async () => {
        const files = [...document.getElementById("evidence-files").files];
        const receivedFrom = document.getElementById("received-from").value;
        const list = document.getElementById("upload-progress");
        const template = document.getElementById("upload-row");
        const uploads = files.map((file) => {
            const row = template.content.firstElementChild.cloneNode(true);
            row.querySelector(".name").textContent = file.name;
            list.appendChild(row);
            return uploadOne(file, receivedFrom, row).catch((error) => {
                row.classList.add("failed");
                row.querySelector(".state").textContent = error.message;
            });
        });
        await Promise.all(uploads);
        await refreshRegister();
    });

    // Re-reads the register from the server and swaps it in (the upload rows stay visible).
    async function refreshRegister() {
        const html = await (await fetch(location.href, { headers: { Accept: "text/html" } })).text();
        const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("register");
        if (fresh) document.getElementById("register").replaceWith(fresh);
        startPolling();
    }

    let polling = false;
    function startPolling() {
        if (polling) return;
        polling = true;
        setTimeout(refreshStatus, 1000);
    }

    // Live analysis status: poll while anything is queued or running.
    async function refreshStatus() {
        const pending = document.querySelector("#evidence-register td.analysis[data-status=Queued], #evidence-register td.analysis[data-status=Running]");
        if (!pending) { polling = false; return; }
        try {
            const items = await json(await fetch(`/api/evidence/cases/${caseId}/status`, { headers }));
            let changed = false;
            for (const item of items) {
                const cell = document.querySelector(`#evidence-register tr[data-evidence="${item.id}"] td.analysis`);
                if (!cell) continue;
                if (cell.dataset.status !== item.status) changed = true;
                let bar = cell.querySelector("progress");
                if (item.status === "Running") {
                    if (!bar) { bar = document.createElement("progress"); bar.max = 100; cell.appendChild(bar); }
                    bar.value = item.progress;
                }
            }
            if (changed) { polling = false; await refreshRegister(); return; }
        } catch { /* transient: try again */ }
        setTimeout(refreshStatus, 2000);
    }
    startPolling();
})();
