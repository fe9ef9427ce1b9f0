// The cluster graph: people and places as nodes, edges labelled with minutes together.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("cluster-graph");
  var data = document.getElementById("cluster-graph-data");
  if (!box || !data || !window.echarts) return;
  var graph = JSON.parse(data.textContent);
  var chart = window.echarts.init(box);
  chart.setOption({
    tooltip: {},
    legend: [{ data: graph.categories.map(function (c) { return c.name; }) }],
    series: [{
      type: "graph", layout: "force", roam: true, draggable: true,
      label: { show: true, position: "right" },
      force: { repulsion: 220, edgeLength: 90 },
      categories: graph.categories, data: graph.nodes, links: graph.links,
    }],
  });
  window.addEventListener("resize", function () { chart.resize(); });
});
