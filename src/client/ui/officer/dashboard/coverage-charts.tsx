// The dashboard's two charts — K and V per group against the target, and the ward's trend — each with an
// accessible name and its figures as a table. Chart.js is loaded lazily (import('./chart-draw')) and only
// when the canvas really draws (getContext returns a context); otherwise the table is shown instead.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CoverageResponse } from '../../../../shared';
import { formatDay, locale, t } from '../../i18n';
import { formatPercent, formatShortPercent } from './dashboard-format';
import type * as ChartDraw from './chart-draw';
import type { DrawnChart } from './chart-draw';

type ChartModule = typeof ChartDraw;
type Drawing = 'pending' | 'drawn' | 'none';

/** Chart.js is fetched once, on first need; a failed fetch is tried again next time. */
let charts: Promise<ChartModule> | null = null;
function loadCharts(): Promise<ChartModule> {
  charts ??= import('./chart-draw').catch((err: unknown) => {
    charts = null;
    throw err;
  });
  return charts;
}

interface ChartFigureProps {
  id: string;
  title: string;
  label: string;
  /** Draws on the context; called again when `version` (or the language) changes. */
  draw(module: ChartModule, context: CanvasRenderingContext2D): DrawnChart;
  version: unknown;
  children: ComponentChildren;
}

function ChartFigure({ id, title, label, draw, version, children }: ChartFigureProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drawing, setDrawing] = useState<Drawing>('pending');
  const lang = locale.value;
  useEffect(() => {
    let context: CanvasRenderingContext2D | null = null;
    try {
      context = canvas.current?.getContext('2d') ?? null;
    } catch {
      context = null;
    }
    if (context === null) {
      setDrawing('none');
      return;
    }
    const ctx = context;
    let gone = false;
    let chart: DrawnChart | null = null;
    loadCharts().then(
      (module) => {
        if (gone) return;
        try {
          chart = draw(module, ctx);
          setDrawing('drawn');
        } catch {
          setDrawing('none');
        }
      },
      () => !gone && setDrawing('none'),
    );
    return () => {
      gone = true;
      chart?.destroy();
    };
  }, [version, lang]);

  return (
    <figure class="card dashboard-chart" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <div class="dashboard-chart-box" hidden={drawing === 'none'}>
        <canvas ref={canvas} id={`${id}-canvas`} role="img" aria-label={label}>
          {label}
        </canvas>
      </div>
      {drawing === 'none' ? <p class="hint">{t('dashboard.chart.noChart')}</p> : null}
      <div class={drawing === 'drawn' ? 'dashboard-sr-only' : 'dashboard-chart-table'}>{children}</div>
    </figure>
  );
}

const pct = (value: number) => formatPercent(value);
const tick = (value: number) => formatShortPercent(value);
const names = () => ({
  k: t('dashboard.chart.k'),
  v: t('dashboard.chart.v'),
  target: t('dashboard.chart.target'),
});
const localeTag = () => (locale.value === 'vi' ? 'vi-VN' : 'en-GB');

/** The K target of a group as a percentage of its denominator; null when it does not apply. */
function targetPercent(
  target: { kind: string; value: number },
  targetCount: number | null,
  denominator: number,
) {
  if (target.kind === 'percent') return target.value;
  if (targetCount === null || denominator <= 0) return null;
  return Math.round((targetCount * 1000) / denominator) / 10;
}

export function CoverageCharts({ coverage }: { coverage: CoverageResponse }) {
  const groups = coverage.groups;
  const trend = coverage.trend;
  return (
    <div class="dashboard-charts">
      <ChartFigure
        id="dashboard-groups-chart"
        title={t('dashboard.chart.groups')}
        label={t('dashboard.chart.groupsLabel')}
        version={coverage}
        draw={(module, context) =>
          module.drawGroupsChart(context, {
            labels: groups.map((g) => g.groupName),
            k: groups.map((g) => g.K.percent),
            v: groups.map((g) => g.V.percent),
            target: groups.map((g) => targetPercent(g.K.target, g.K.targetCount, g.denominator)),
            format: pct,
            tick,
            names: names(),
            locale: localeTag(),
          })
        }
      >
        <table class="dashboard-table">
          <caption>{t('dashboard.chart.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.col.group')}</th>
              <th scope="col">{t('dashboard.chart.k')}</th>
              <th scope="col">{t('dashboard.chart.v')}</th>
              <th scope="col">{t('dashboard.chart.target')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => {
              const target = targetPercent(g.K.target, g.K.targetCount, g.denominator);
              return (
                <tr key={g.groupId}>
                  <th scope="row">{g.groupName}</th>
                  <td>{formatPercent(g.K.percent)}</td>
                  <td>{formatPercent(g.V.percent)}</td>
                  <td>{target === null ? t('dashboard.noValue') : formatShortPercent(target)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ChartFigure>
      <ChartFigure
        id="dashboard-trend-chart"
        title={t('dashboard.chart.trend')}
        label={t('dashboard.chart.trendLabel')}
        version={coverage}
        draw={(module, context) =>
          module.drawTrendChart(context, {
            labels: trend.map((p) => formatDay(p.date)),
            k: trend.map((p) => p.kPercent),
            v: trend.map((p) => p.vPercent),
            format: pct,
            tick,
            names: names(),
            locale: localeTag(),
          })
        }
      >
        <table class="dashboard-table">
          <caption>{t('dashboard.chart.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.chart.date')}</th>
              <th scope="col">{t('dashboard.chart.k')}</th>
              <th scope="col">{t('dashboard.chart.v')}</th>
            </tr>
          </thead>
          <tbody>
            {trend.map((p) => (
              <tr key={p.date}>
                <th scope="row">{formatDay(p.date)}</th>
                <td>{formatPercent(p.kPercent)}</td>
                <td>{formatPercent(p.vPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartFigure>
    </div>
  );
}
