// Draws the dashboard's charts with Chart.js (served by this app) from the data in each canvas's
// data-chart attribute. No inline script: the page's policy allows scripts from this origin only.
(() => {
  'use strict';
  const Chart = window.Chart;
  if (!Chart) return;

  // The same colours as the status dots in app.css.
  const STATUS_COLORS = {
    completed: '#10b981', busy: '#f59e0b', 'no-answer': '#94a3b8', failed: '#ef4444',
    canceled: '#64748b', 'in-progress': '#3b82f6', ringing: '#8b5cf6', queued: '#c4b5fd',
  };
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const count = new Intl.NumberFormat('en-US');
  const shortDate = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#5b6475';
  Chart.defaults.animation = reducedMotion ? false : { duration: 500 };
  Chart.defaults.maintainAspectRatio = false;

  const tooltip = { backgroundColor: '#0f172a', padding: 10, cornerRadius: 8, displayColors: true, boxPadding: 4 };

  function daily(canvas, data) {
    const labels = data.labels.map((d) => shortDate.format(new Date(`${d}T00:00:00Z`)));
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'Completed', data: data.completed, backgroundColor: '#6366f1', borderRadius: 3, stack: 'calls' },
          { label: 'Not completed', data: data.other, backgroundColor: '#c7d2fe', borderRadius: 3, stack: 'calls' },
        ],
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { position: 'top', align: 'end', labels: { boxWidth: 10, boxHeight: 10, useBorderRadius: true, borderRadius: 2 } },
          tooltip: { ...tooltip, callbacks: { footer: (items) => `Total: ${count.format(items.reduce((sum, i) => sum + i.parsed.y, 0))}` } },
        },
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 16 } },
          y: { stacked: true, beginAtZero: true, grid: { color: '#eef1f6' }, border: { display: false }, ticks: { callback: (v) => count.format(v) } },
        },
      },
    });
  }

  function status(canvas, data) {
    return new Chart(canvas, {
      type: 'doughnut',
      data: {
        labels: data.labels,
        datasets: [{ data: data.values, backgroundColor: data.statuses.map((s) => STATUS_COLORS[s] || '#cbd5e1'), borderColor: '#fff', borderWidth: 2, hoverOffset: 6 }],
      },
      options: {
        cutout: '68%',
        plugins: {
          legend: { display: false },
          tooltip: { ...tooltip, callbacks: { label: (item) => ` ${item.label}: ${count.format(item.parsed)}` } },
        },
      },
    });
  }

  const DRAW = { daily, status };
  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    try {
      const data = JSON.parse(canvas.dataset.chart);
      const draw = DRAW[data.kind];
      if (draw) draw(canvas, data);
    } catch (error) {
      console.error('Could not draw chart', canvas.id, error);
    }
  }
  document.documentElement.dataset.chartsReady = 'true';
})();
