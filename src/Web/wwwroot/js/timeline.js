// The case timeline chart: one lane per source (intake, case, evidence, analysis, manual, notes), time along the x axis,
// a slider to zoom. Data comes from the element's data-timeline JSON (the CSP allows no inline script).
(function () {
    const element = document.getElementById("timeline-chart");
    if (!element || typeof echarts === "undefined") return;
    const data = JSON.parse(element.dataset.timeline || "{}");
    const items = data.items || [];
    if (items.length === 0) {
        element.classList.add("empty");
        element.style.height = "auto";
        element.textContent = data.noData || "";
        return;
    }
    const colours = ["#2e86c1", "#566573", "#d68910", "#17a589", "#c0392b", "#8e44ad"];
    const chart = echarts.init(element, null, { renderer: "canvas" });
    const escape = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
    chart.setOption({
        animation: false,
        grid: { left: 110, right: 30, top: 20, bottom: 70 },
        tooltip: {
            trigger: "item",
            confine: true,
            formatter: (p) => {
                const i = p.data.item;
                return `<strong>${escape(i.kind)}</strong><br>${escape(i.at)}` +
                    (i.host ? `<br>${escape(i.host)}` : "") + (i.tactic ? `<br>ATT&amp;CK: ${escape(i.tactic)}` : "") +
                    (i.text ? `<br>${escape(i.text.length > 160 ? i.text.slice(0, 159) + "…" : i.text)}` : "");
            },
        },
        xAxis: { type: "time", axisLabel: { hideOverlap: true } },
        yAxis: { type: "category", data: data.lanes, inverse: true, splitLine: { show: true } },
        dataZoom: [{ type: "slider", xAxisIndex: 0, bottom: 15 }, { type: "inside", xAxisIndex: 0 }],
        series: [{
            type: "scatter",
            symbolSize: 12,
            data: items.map((i) => ({ value: [i.t, i.lane], item: i, itemStyle: { color: colours[i.lane % colours.length] } })),
        }],
    });
    window.addEventListener("resize", () => chart.resize());
})();
