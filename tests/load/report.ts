// The load run's figures: request count and rate, latency quantiles (all requests and per kind), errors by
// reason, and the record check (acknowledged, on the server, lost); and the lines `npm run load` prints.
import { quantile } from '../bench/lib/line';
import { deviceWorkload, type DeviceOutcome } from './device';
import type { RequestKind, Stats } from './http';
import type { ServerCheck } from './ledger';

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** What the worker sends back: plain data only (it crosses a thread boundary). */
export interface FleetResult {
  setupMs: number;
  runMs: number;
  all: Latency;
  byKind: Record<RequestKind, Latency>;
  /** Failures by reason (each counts as an error), and a few of them in full. */
  failures: [reason: string, count: number][];
  examples: string[];
  devices: number;
  unfinished: number;
  acknowledged: number;
  onServer: number;
  /** Acknowledged records missing or changed on the server, plus records missing from devices' pulls. */
  lost: number;
  lostExamples: string[];
  /** Records the server holds that no device sent, and records a pull returned outside the device's groups or that no device sent. */
  unknown: number;
}

function latency(sample: readonly number[]): Latency {
  let max = 0;
  for (const ms of sample) max = Math.max(max, ms);
  return {
    count: sample.length,
    p50: quantile(sample, 0.5),
    p95: quantile(sample, 0.95),
    p99: quantile(sample, 0.99),
    max,
  };
}

export function summarise(run: {
  stats: Stats;
  outcomes: readonly DeviceOutcome[];
  check: ServerCheck;
  runMs: number;
  setupMs: number;
}): FleetResult {
  const { stats, outcomes, check } = run;
  const missing = outcomes.flatMap((d) => d.missing);
  const lost = [...check.lost.map((k) => `server: ${k}`), ...missing.map((k) => `a device's pull: ${k}`)];
  return {
    setupMs: run.setupMs,
    runMs: run.runMs,
    all: latency([...stats.latencies.push, ...stats.latencies.pull, ...stats.latencies.settings]),
    byKind: {
      push: latency(stats.latencies.push),
      pull: latency(stats.latencies.pull),
      settings: latency(stats.latencies.settings),
    },
    failures: [...stats.failures.entries()].sort((a, b) => b[1] - a[1]),
    examples: stats.examples,
    devices: outcomes.length,
    unfinished: outcomes.filter((d) => !d.finished).length,
    acknowledged: check.acknowledged,
    onServer: check.onServer,
    lost: lost.length,
    lostExamples: lost.slice(0, 5),
    unknown: check.unknown.length + outcomes.reduce((n, d) => n + d.unexpected.length, 0),
  };
}

/** Errors that fail the run: failed requests (so unfinished devices), conflicts, quarantines, unknown records. */
export function errorCount(r: FleetResult): number {
  return r.failures.reduce((n, [, count]) => n + count, 0) + r.unknown;
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n >= 10 ? `${n.toFixed(0)} ms` : `${n.toFixed(1)} ms`);
const quantiles = (l: Latency) => `p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, p99 ${ms(l.p99)}, max ${ms(l.max)}`;

export interface RunDescription {
  devices: number;
  residents: number;
  engine: string;
}

/** Seen from the server's side during the measured part. */
export interface ServerSide {
  /** Ms from the server reading each request to its answer sent. */
  handled: readonly number[];
  /** How long the server's event loop could not serve I/O. */
  loopP99Ms: number;
  loopMaxMs: number;
}

export function reportLines(d: RunDescription, r: FleetResult, server: ServerSide): string[] {
  const seconds = r.runMs / 1000;
  const w = deviceWorkload(d.residents);
  const lines = [
    `load: ${int(d.devices)} devices × ${d.residents} records (+ sessions, completions, edits) on ${d.engine}, ${seconds.toFixed(1)} s`,
    `requests: ${int(r.all.count)} = ${int(r.all.count / seconds)} req/s; latency ${quantiles(r.all)}`,
    `errors: ${int(errorCount(r))}; records acknowledged ${int(r.acknowledged)}; on the server ${int(r.onServer)}; records lost: ${int(r.lost)}`,
  ];
  lines.push(
    `  each device: ${plural(w.residents, 'resident')}, ${plural(w.sessions, 'session')}, ${plural(w.completions, 'completion')}; ` +
      `1 batch re-sent; ${w.edits} edits; then pulls its groups until caught up`,
  );
  for (const kind of ['push', 'pull', 'settings'] as const) {
    const l = r.byKind[kind];
    if (l.count > 0) lines.push(`  ${kind}: ${int(l.count)} requests; ${quantiles(l)}`);
  }
  if (r.unfinished > 0)
    lines.push(`  devices that did not finish: ${int(r.unfinished)} of ${int(r.devices)}`);
  for (const [reason, count] of r.failures) lines.push(`  error ${reason}: ${int(count)}`);
  for (const example of r.examples) lines.push(`    e.g. ${example}`);
  if (r.unknown > 0)
    lines.push(`  unexpected records (no device sent them, or a pull crossed its groups): ${int(r.unknown)}`);
  for (const example of r.lostExamples) lines.push(`  lost: ${example}`);
  if (server.handled.length > 0) {
    const handled = latency(server.handled);
    lines.push(`  in the server (request read → answered): ${quantiles(handled)}`);
  }
  lines.push(`  server event loop blocked: p99 ${ms(server.loopP99Ms)}, max ${ms(server.loopMaxMs)}`);
  return lines;
}
