// The drawing of the dashboard's two charts with Chart.js. Loaded only by a dynamic import() once a
// canvas can really be drawn on (coverage-charts.tsx), so Chart.js stays out of the first screen's
// bundle and out of DOM tests (no canvas there). Percentages are drawn as they are: never capped.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
// Readable on an office screen by someone in their sixties: larger, darker text than Chart.js's default.
Chart.defaults.font.size = 14;
Chart.defaults.color = '#111';

const K_COLOUR = '#0b4a8b';
const V_COLOUR = '#1b7a3a';
const TARGET_COLOUR = '#b00020';

export interface DrawnChart {
  destroy(): void;
}

export interface Series {
  labels: string[];
  k: (number | null)[];
  v: (number | null)[];
  /** Tooltip text of a value ("82,5 %"). */
  format(value: number): string;
  /** Axis text of a value ("80 %"). */
  tick(value: number): string;
  names: { k: string; v: string; target: string };
  locale: string;
}

/** From 0, up to 100 % at least and further when a figure is above it (never capped). */
const scales = (tick: (v: number) => string) => ({
  y: {
    beginAtZero: true,
    suggestedMax: 100,
    ticks: { callback: (value: string | number) => tick(Number(value)) },
  },
});

const tooltip = (format: (v: number) => string) => ({
  callbacks: {
    label: (item: { dataset: { label?: string }; parsed: { y: number | null } }) =>
      `${item.dataset.label ?? ''}: ${item.parsed.y === null ? '—' : format(item.parsed.y)}`,
  },
});

/** K and V per group as bars, with the K target per group as a line of markers. */
export function drawGroupsChart(
  context: CanvasRenderingContext2D,
  series: Series & { target: (number | null)[] },
): DrawnChart {
  return new Chart(context, {
    type: 'bar',
    data: {
      labels: series.labels,
      datasets: [
        { type: 'bar', label: series.names.k, data: series.k, backgroundColor: K_COLOUR },
        { type: 'bar', label: series.names.v, data: series.v, backgroundColor: V_COLOUR },
        {
          type: 'line',
          label: series.names.target,
          data: series.target,
          borderColor: TARGET_COLOUR,
          backgroundColor: TARGET_COLOUR,
          borderDash: [6, 4],
          pointStyle: 'line',
          pointRadius: 10,
          pointBorderWidth: 3,
          showLine: false,
        },
      ],
    },
    options: {
      locale: series.locale,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: scales(series.tick),
      plugins: { tooltip: tooltip(series.format) },
    },
  });
}

/** The ward's K and V over the trend points, as two lines. */
export function drawTrendChart(context: CanvasRenderingContext2D, series: Series): DrawnChart {
  return new Chart(context, {
    type: 'line',
    data: {
      labels: series.labels,
      datasets: [
        { label: series.names.k, data: series.k, borderColor: K_COLOUR, backgroundColor: K_COLOUR },
        {
          label: series.names.v,
          data: series.v,
          borderColor: V_COLOUR,
          backgroundColor: V_COLOUR,
          borderDash: [8, 4],
        },
      ],
    },
    options: {
      locale: series.locale,
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      spanGaps: true,
      scales: scales(series.tick),
      plugins: { tooltip: tooltip(series.format) },
    },
  });
}
