// Charts drawn with Apache ECharts (wwwroot/lib/echarts). Every element with data-chart holds its figures as JSON
// (the Content-Security-Policy forbids inline scripts), in one of these shapes:
//   { type: "time", axes: ["Bytes", "Packets"], bars?: true,
//     series: [{ name, axis: 0|1, data: [[epochMilliseconds, value], …] }] }        → time series, zoomable, UTC
//   { type: "bar", categories: [...], series: [{ name, data: [...] }, …],
//     colors?: [one per category], links?: [one URL per category] }                 → horizontal bars; a bar with a
//                                                                                        link opens it when clicked
// The page keeps a plain table of the same figures, so nothing depends on the drawing.
(() => {
    if (typeof echarts === "undefined") return;
    const locale = document.documentElement.lang.startsWith("zh") ? "ZH" : "EN";
    const numberFormat = new Intl.NumberFormat(document.documentElement.lang);
    const number = (v) => numberFormat.format(v);
    const palette = ["#1f5fbf", "#e8710a", "#2e7d32", "#8e24aa", "#c62828", "#00838f", "#6d4c41", "#546e7a"];

    function timeOption(spec) {
        return {
            color: palette,
            useUTC: true,
            animation: false,
            legend: { top: 0 },
            grid: { left: 8, right: 8, top: 32, bottom: 64, containLabel: true },
            tooltip: { trigger: "axis", valueFormatter: number },
            xAxis: { type: "time" },
            yAxis: spec.axes.map((name, i) => ({
                type: "value", name, position: i === 0 ? "left" : "right", splitLine: { show: i === 0 },
                axisLabel: { formatter: (v) => number(v), hideOverlap: true },
            })),
            dataZoom: [{ type: "inside" }, { type: "slider", height: 18, bottom: 8 }],
            series: spec.series.map((s) => ({
                name: s.name, type: spec.bars ? "bar" : "line", yAxisIndex: s.axis || 0, data: s.data,
                showSymbol: false, step: spec.bars ? undefined : "end", barCategoryGap: "10%",
            })),
        };
    }

    function barOption(spec) {
        const several = spec.series.length > 1;
        return {
            color: palette,
            animation: false,
            legend: several ? { top: 0 } : undefined,
            grid: { left: 8, right: 24, top: several ? 32 : 8, bottom: 8, containLabel: true },
            tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: number },
            // a narrow chart of thousands would print its tick labels into each other ("2,0004,000"): those that would
            // touch are left out
            xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (v) => number(v), hideOverlap: true } },
            yAxis: {
                type: "category", inverse: true, data: spec.categories,
                axisLabel: { width: 160, overflow: "truncate" },
                triggerEvent: !!spec.links,
            },
            series: spec.series.map((s) => ({
                name: s.name, type: "bar", stack: several ? "all" : undefined, data: s.data,
                cursor: spec.links ? "pointer" : "default",
                itemStyle: spec.colors ? { color: (p) => spec.colors[p.dataIndex] } : undefined,
            })),
        };
    }

    function draw(element) {
        let spec;
        try { spec = JSON.parse(element.dataset.chart); } catch { return; }
        const rows = spec.categories ? spec.categories.length : 0;
        if (spec.type === "bar") element.style.height = `${Math.max(120, 28 * rows + 40)}px`;
        const chart = echarts.init(element, null, { locale, renderer: "canvas" });
        chart.setOption(spec.type === "time" ? timeOption(spec) : barOption(spec));
        if (spec.links) {
            chart.on("click", (p) => {
                const index = p.componentType === "yAxis" ? spec.categories.indexOf(p.value) : p.dataIndex;
                if (spec.links[index]) window.location.assign(spec.links[index]);
            });
        }
        element.dataset.chartReady = "true";
        new ResizeObserver(() => chart.resize()).observe(element);
    }

    document.querySelectorAll("[data-chart]").forEach(draw);
})();
