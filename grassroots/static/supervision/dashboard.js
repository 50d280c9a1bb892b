/* The supervision dashboard: reads its data from the json_script block, draws ECharts, and
   sends every click to the demand list behind the figure. No inline scripts (strict CSP). */
(function () {
  "use strict";

  function go(url) { if (url) { window.location.href = url; } }

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

    window.echarts.registerMap("grassroots-grids", data.map.geojson);
    var max = 1;
    data.map.data.forEach(function (d) { if (d.value > max) { max = d.value; } });
    var byName = {};
    data.map.data.forEach(function (d) { byName[d.name] = d; });
    chart("map", {
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var d = byName[p.name];
          return d ? d.label + "<br>" + t.grid_tip.replace("{received}", d.received).replace("{value}", d.value) : p.name;
        }
      },
      visualMap: { min: 0, max: max, calculable: true, orient: "horizontal", left: "center",
                   bottom: 0, inRange: { color: ["#eff6ff", "#1d4ed8", "#b91c1c"] } },
      series: [{ type: "map", map: "grassroots-grids", roam: true, data: data.map.data,
                 label: { show: false }, emphasis: { label: { show: false } } }]
    }, function (p) { var d = byName[p.name]; if (d) { go(d.url); } });

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
