import { formatNumber, formatShare, formatValue } from './format.js';
import { pick, t } from './i18n.js';
import { shareLevel } from './indicator-table.js';

const COLOURS = {
  result: '#1d4e89',
  target: '#c9d3df',
  good: '#2e7d4f',
  fair: '#c98a12',
  low: '#b3261e',
  grid: '#e6e9ee',
  hundred: '#253041',
};

/** Long Vietnamese labels wrapped onto lines of about `width` characters. */
function wrap(text, width = 30) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The bar chart beside the table. "% of target" puts every indicator on one scale (a
 * count of dialogues and an amount in đồng cannot share an axis); "values" shows the
 * results and targets themselves for the counted indicators.
 */
export class IndicatorChart {
  constructor(canvas, box, note) {
    this.canvas = canvas;
    this.box = box;
    this.note = note;
    this.chart = null;
  }

  get available() {
    return typeof window.Chart === 'function';
  }

  render(rows, mode) {
    if (!this.available) return;
    const config = mode === 'share' ? this.shareConfig(rows) : this.valuesConfig(rows);
    const bars = config.data.labels.length;
    this.note.textContent =
      mode === 'share'
        ? bars === 0
          ? t('chartNoTargets')
          : t('chartShareNote')
        : t('chartValuesNote');
    this.box.hidden = bars === 0;
    this.box.style.height = `${Math.max(160, bars * (mode === 'share' ? 40 : 52) + 60)}px`;
    this.canvas.setAttribute('aria-label', `${t('chartTitle')}: ${config.summary}`);
    if (this.chart && this.chart.config.type === config.type && this.mode === mode) {
      this.chart.data = config.data;
      this.chart.options = config.options;
      this.chart.update();
    } else {
      this.chart?.destroy();
      this.chart = new window.Chart(this.canvas, config);
    }
    this.mode = mode;
  }

  clear() {
    this.chart?.destroy();
    this.chart = null;
    this.box.hidden = true;
    this.note.textContent = '';
  }

  shareConfig(rows) {
    const withTarget = rows.filter((row) => typeof row.achieved === 'number' && row.value !== null);
    const shares = withTarget.map((row) => Math.round(row.achieved * 1000) / 10);
    const max = Math.max(120, ...shares.map((share) => Math.ceil(share / 20) * 20));
    return {
      type: 'bar',
      summary: withTarget.map((row, i) => `${pick(row.label)} ${shares[i]}%`).join('; '),
      data: {
        labels: withTarget.map((row) => wrap(pick(row.label))),
        datasets: [
          {
            label: t('chartShareLabel'),
            data: shares,
            backgroundColor: withTarget.map((row) => COLOURS[shareLevel(row.achieved)]),
            borderRadius: 3,
            maxBarThickness: 26,
          },
        ],
      },
      options: this.options({
        max,
        tick: (value) => `${value}%`,
        grid: (context) => (context.tick?.value === 100 ? COLOURS.hundred : COLOURS.grid),
        gridWidth: (context) => (context.tick?.value === 100 ? 2 : 1),
        legend: false,
        tooltip: (item) => {
          const row = withTarget[item.dataIndex];
          return `${formatShare(row.achieved)} · ${formatValue(row.value, row.counts)} / ${formatValue(row.target, row.counts)}`;
        },
      }),
    };
  }

  valuesConfig(rows) {
    // Nothing done and nothing planned draws no bar: such rows would only lengthen the chart.
    const shown = rows.filter(
      (row) =>
        row.counts !== 'vnd' &&
        row.value !== null &&
        !row.suppressed &&
        (row.value > 0 || row.target !== undefined),
    );
    return {
      type: 'bar',
      summary: shown
        .map(
          (row) =>
            `${pick(row.label)} ${row.value}${row.target !== undefined ? ` / ${row.target}` : ''}`,
        )
        .join('; '),
      data: {
        labels: shown.map((row) => wrap(pick(row.label))),
        datasets: [
          {
            label: t('chartResult'),
            data: shown.map((row) => row.value),
            backgroundColor: COLOURS.result,
            borderRadius: 3,
            maxBarThickness: 18,
          },
          {
            label: t('chartTarget'),
            data: shown.map((row) => row.target ?? null),
            backgroundColor: COLOURS.target,
            borderRadius: 3,
            maxBarThickness: 18,
          },
        ],
      },
      options: this.options({
        tick: (value) => formatNumber(value),
        grid: () => COLOURS.grid,
        gridWidth: () => 1,
        legend: true,
        tooltip: (item) => `${item.dataset.label}: ${formatNumber(item.raw)}`,
      }),
    };
  }

  options({ max, tick, grid, gridWidth, legend, tooltip }) {
    return {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: { duration: 300 },
      scales: {
        x: {
          beginAtZero: true,
          ...(max ? { max } : {}),
          ticks: { callback: tick, color: '#4a5565', font: { size: 11 } },
          grid: { color: grid, lineWidth: gridWidth },
        },
        y: {
          ticks: { color: '#253041', font: { size: 11 }, autoSkip: false },
          grid: { display: false },
        },
      },
      plugins: {
        legend: { display: legend, position: 'bottom', labels: { boxWidth: 12, color: '#253041' } },
        tooltip: { callbacks: { label: tooltip } },
      },
    };
  }
}
