// Draws every canvas with a data-chart attribute (see org.linli.shared.web.Chart) with Chart.js.
(function () {
  'use strict';
  var colours = ['#198754', '#0d6efd', '#ffc107', '#dc3545', '#6f42c1', '#20c997', '#fd7e14', '#6c757d', '#0dcaf0'];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.dataset.chart);
    var round = spec.type === 'doughnut' || spec.type === 'pie';
    new window.Chart(canvas, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (series, i) {
          return {
            label: series.label,
            data: series.data,
            backgroundColor: round ? colours : colours[i % colours.length],
            borderColor: round ? '#fff' : colours[i % colours.length]
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: round ? {} : {
          x: { stacked: spec.stacked },
          y: { stacked: spec.stacked, beginAtZero: true, ticks: { precision: 0 } }
        }
      }
    });
    canvas.dataset.drawn = 'true';
  });
  // a printed page is narrower than the screen: charts take its width, then the screen's again
  function resizeAll() {
    Object.values(window.Chart.instances || {}).forEach(function (chart) { chart.resize(); });
  }
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
})();
