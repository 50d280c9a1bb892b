/* The supervision dashboard: reads its data from the json_script block, draws ECharts, and
   sends every click to the demand list behind the figure. No inline scripts (strict CSP). */
(function () {
  "use strict";

  function go(url) { if (url) { window.location.href = url; } }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function init() {
    var node = document.getElementById("dashboard-data");
    if (!node || !window.echarts) { return; }
    var data = JSON.parse(node.textContent);
    var t = data.labels;  // translated by the page
    var charts = [];

    function chart(name, option, onClick) {
      var el = document.querySelector('[data-chart="' + name + '"]');
      if (!el) { return null; }
      var c = window.echarts.init(el);
      c.setOption(option);
      if (onClick) { c.on("click", onClick); }
      charts.push(c);
      return c;
    }

    chart("trend", {
      tooltip: { trigger: "axis" },
      legend: { data: [t.received, t.on_spot] },
      grid: { left: 40, right: 10, bottom: 30, top: 30 },
      xAxis: { type: "category", data: data.trend.map(function (m) { return m.month; }) },
      yAxis: { type: "value" },
      series: [
        { name: t.received, type: "line", data: data.trend.map(function (m) { return m.received; }) },
        { name: t.on_spot, type: "bar", data: data.trend.map(function (m) { return m.on_spot; }) }
      ]
    }, function (p) { go(data.trend[p.dataIndex].url); });

    chart("categories", {
      tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["35%", "70%"], data: data.categories }]
    }, function (p) { go(data.categories[p.dataIndex].url); });

    function rate(r) { return r && r.value !== null ? r.value : null; }
    chart("units", {
      tooltip: {
        trigger: "axis",
        formatter: function (ps) {
          var u = data.units[ps[0].dataIndex];
          return u.name + (u.rank ? t.rank.replace("{rank}", u.rank) : "") + "<br>" +
            t.response + " " + (rate(u.response) === null ? "—" : u.response.value + "%") + " (" + u.response.num + "/" + u.response.den + ")<br>" +
            t.resolution + " " + (rate(u.resolution) === null ? "—" : u.resolution.value + "%") + " (" + u.resolution.num + "/" + u.resolution.den + ")<br>" +
            t.satisfaction + " " + (rate(u.satisfaction) === null ? "—" : u.satisfaction.value + "%") + " (" + u.satisfaction.num + "/" + u.satisfaction.den + ")";
        }
      },
      legend: { data: [t.response, t.resolution, t.satisfaction] },
      grid: { left: 40, right: 10, bottom: 80, top: 30 },
      dataZoom: [{ type: "inside" }, { type: "slider", height: 14, bottom: 4 }],
      xAxis: { type: "category", data: data.units.map(function (u) { return u.name; }),
               axisLabel: { rotate: 40, interval: 0 } },
      yAxis: { type: "value", max: 100 },
      series: [
        { name: t.response, type: "bar", data: data.units.map(function (u) { return rate(u.response); }) },
        { name: t.resolution, type: "bar", data: data.units.map(function (u) { return rate(u.resolution); }) },
        { name: t.satisfaction, type: "bar", data: data.units.map(function (u) { return rate(u.satisfaction); }) }
      ]
    }, function (p) { go(data.units[p.dataIndex].url); });

    // The county map: towns or grids, coloured by one figure; a place with no sample for the
    // figure is drawn grey with stripes ("no data"), never as the colour of 0.
    var map = data.map;
    window.echarts.registerMap("grassroots-towns", map.layers.towns);
    window.echarts.registerMap("grassroots-grids", map.layers.grids);
    var mapState = { layer: "towns", metric: "on_spot_rate" };
    var METRIC_MAX = { on_spot_rate: 100 };
    function mapOption() {
      var items = map[mapState.layer];
      var byName = {};
      items.forEach(function (d) { byName[d.name] = d; });
      var max = METRIC_MAX[mapState.metric] || 1;
      var values = [];
      items.forEach(function (d) {
        var v = d[mapState.metric];
        if (v !== null && v !== undefined) {
          values.push({ name: d.name, value: v });
          if (!METRIC_MAX[mapState.metric] && v > max) { max = v; }
        }
      });
      function fmt(v, pct) { return v === null || v === undefined ? t.no_data : v + (pct ? "%" : ""); }
      return {
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            var d = byName[p.name];
            if (!d) { return p.name; }
            return esc(d.label) + "<br>" + t.map_tip.replace("{received}", d.received)
              .replace("{on_spot}", d.on_spot).replace("{density}", fmt(d.density, false))
              .replace("{rate}", fmt(d.on_spot_rate, true));
          }
        },
        visualMap: { min: 0, max: max, calculable: true, orient: "horizontal", left: "center",
                     bottom: 0, itemHeight: 120,
                     inRange: { color: ["#fde68a", "#60a5fa", "#1e3a8a"] } },
        series: [{
          type: "map", map: mapState.layer === "towns" ? "grassroots-towns" : "grassroots-grids",
          roam: true, data: values, aspectScale: 1,
          layoutCenter: ["50%", "42%"], layoutSize: "92%",
          itemStyle: { areaColor: "#f3f4f6", borderColor: "#6b7280",
                       borderWidth: mapState.layer === "towns" ? 1.2 : 0.4,
                       decal: { symbol: "none", dashArrayX: [1, 0], dashArrayY: [3, 4],
                                rotation: -0.785, color: "rgba(75,85,99,0.55)" } },
          label: {
            show: true, fontSize: mapState.layer === "towns" ? 12 : 9, color: "#111827",
            textBorderColor: "#ffffff", textBorderWidth: 2,
            formatter: function (p) { var d = byName[p.name]; return d ? d.label : ""; }
          },
          labelLayout: { hideOverlap: true },
          emphasis: { label: { show: true } }
        }]
      };
    }
    var mapChart = chart("map", mapOption(), function (p) {
      var d = map[mapState.layer].filter(function (x) { return x.name === p.name; })[0];
      if (d) { go(d.url); }
    });
    document.querySelectorAll("[data-map-layer], [data-map-metric]").forEach(function (b) {
      b.addEventListener("click", function () {
        if (b.dataset.mapLayer) { mapState.layer = b.dataset.mapLayer; }
        if (b.dataset.mapMetric) { mapState.metric = b.dataset.mapMetric; }
        document.querySelectorAll("[data-map-layer]").forEach(function (x) {
          x.setAttribute("aria-pressed", x.dataset.mapLayer === mapState.layer ? "true" : "false");
        });
        document.querySelectorAll("[data-map-metric]").forEach(function (x) {
          x.setAttribute("aria-pressed", x.dataset.mapMetric === mapState.metric ? "true" : "false");
        });
        if (mapChart) { mapChart.setOption(mapOption(), true); }
      });
    });

    chart("onspot", {
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      series: [{ type: "pie", radius: "65%", data: data.on_spot }]
    }, function (p) { go(data.on_spot[p.dataIndex].url); });

    window.addEventListener("resize", function () {
      charts.forEach(function (c) { c.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
