/**
 * Turns the measures into rows (measure, with, without, change, target, result, and an optional
 * note printed under the table), prints them, and writes the same table into the README
 * between `bench:start` and `bench:end`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'none in time');
const signed = (value) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const percentiles = (d) => `p50 ${ms(d.p50)}, p95 ${ms(d.p95)}`;
const verdict = (ok) => (ok ? 'pass' : 'MISS');
const row = (measure, values) => ({ measure, with: '–', without: '–', change: '–', target: '–', result: 'info', ...values });
/** A row whose measure failed to run: said as such, never as a pass. */
const failedRow = (measure, target, error) => row(measure, { target, result: 'not measured', note: String(error?.message ?? error).split('\n')[0] });

const PLACEMENT_NAMES = { light: 'light DOM', shadow: 'open shadow root', details: 'collapsed <details>' };

function detectionRows(detection) {
  if (detection.error) return [failedRow('detection', 'p95 ≤ 100 ms', detection.error)];
  return Object.entries(detection).map(([placement, d]) =>
    row(`detection, ${PLACEMENT_NAMES[placement]} (${d.samples.length} runs)`, {
      with: percentiles(d) + (d.misses ? `, ${d.misses} missed` : ''),
      without: 'no banner',
      target: 'p95 ≤ 100 ms',
      result: verdict(d.p95 <= 100),
    }),
  );
}

function busyRows(busy) {
  if (busy.error) return [failedRow('busy dashboard', '≤ 1.03×', busy.error)];
  const { ratio, interval, min, max, scriptRatio } = busy.pairs;
  return [
    row(`busy dashboard, main-thread CPU (${busy.with.samples.length} pairs)`, {
      with: ms(busy.with.threadMs),
      without: ms(busy.without.threadMs),
      change: `${ratio.toFixed(2)}×`,
      target: '≤ 1.03×',
      result: verdict(ratio <= 1.03),
      note: `median of back-to-back pairs, which ranged ${min.toFixed(2)}–${max.toFixed(2)}×${interval ? ` (95 % interval of the median ${interval[0].toFixed(2)}–${interval[1].toFixed(2)}×)` : ''}; script time alone ${scriptRatio.toFixed(2)}×.`,
    }),
  ];
}

function plainRows(plain) {
  if (plain.error) return [failedRow('non-dashboard page', '≤ 1 ms', plain.error)];
  return [
    ['newTab', 'new tab'],
    ['reload', 'reload'],
  ].map(([key, label]) => {
    const { with: w, without: wo, pairs } = plain[key];
    return row(`non-dashboard page, ${label}: script time (${w.samples.length} pairs)`, {
      with: ms(w.scriptMs),
      without: ms(wo.scriptMs),
      change: signed(pairs.scriptMs),
      target: '≤ 1 ms',
      result: verdict(pairs.scriptMs <= 1),
      note: `${pairs.scriptInterval ? `95 % interval of the median script time ${signed(pairs.scriptInterval[0])} to ${signed(pairs.scriptInterval[1])}; ` : ''}main-thread CPU of the whole load ${ms(w.threadMs)} with, ${ms(wo.threadMs)} without: ${signed(pairs.threadMs)} (pairs ${signed(pairs.threadMin)} to ${signed(pairs.threadMax)}).`,
    });
  });
}

function leftoverRows(leftovers) {
  if (leftovers.error) return [failedRow('non-dashboard page, left running', 'none', leftovers.error)];
  const p = leftovers.plain;
  if (!p.injected) return [failedRow('non-dashboard page, left running', 'none', 'the content script did not run on the page')];
  const timers = p.timeouts + p.intervals + p.animationFrames + p.idleCallbacks;
  const listeners = p.domListeners + p.extensionListeners;
  return [
    row('non-dashboard page, left running 1.5 s after load', {
      with: `${p.observers} observers, ${timers} timers, ${listeners} listeners`,
      without: 'none',
      change: `page listeners ${p.pageListeners} vs ${leftovers.baselineListeners}`,
      target: 'none',
      result: verdict(p.observers + timers + listeners + p.ports === 0),
      note: p.where.length ? p.where.map((where) => where.replace(/ [a-p]{32}:/, ' ')).join('; ') : undefined,
    }),
  ];
}

function sizeRows(size) {
  if (size.error) return [failedRow('size', 'loader ≤ 3 KB', size.error)];
  const loaded = size.nonDashboardPage;
  return [
    row('size, loaded on a non-dashboard page', {
      with: `${kb(loaded.gzip)} gzip`,
      without: '0 KB',
      change: `+${kb(loaded.gzip)}`,
      target: 'loader ≤ 3 KB',
      result: verdict(loaded.gzip <= 3 * 1024),
      note: loaded.files.join(', '),
    }),
    ...size.entrypoints.map((entry) => row(`size, ${entry.name}`, { with: `${kb(entry.gzip)} gzip`, note: entry.files.length > 1 ? entry.files.join(', ') : undefined })),
  ];
}

function popupRows(popup) {
  if (popup.error) return [failedRow('popup', 'p95 ≤ 150 ms', popup.error)];
  const { with: w, without: wo } = popup;
  // Results written before the answer was measured have only the first paint.
  if (!w.answer) return [row(`popup, open → first paint (${w.fcp.samples.length} opens)`, { with: percentiles(w.fcp), without: percentiles(wo.fcp), target: 'p95 ≤ 150 ms', result: verdict(w.fcp.p95 <= 150) })];
  return [
    row(`popup, open → answer shown (${w.answer.samples.length} opens)`, {
      with: percentiles(w.answer) + (w.answer.misses ? `, ${w.answer.misses} missed` : ''),
      without: `static page painted: ${percentiles(wo.fcp)}`,
      change: `p95 ${signed(w.answer.p95 - wo.fcp.p95)}`,
      target: 'p95 ≤ 150 ms',
      result: verdict(w.answer.p95 <= 150),
      note:
        `from the popup's navigation start to the tab's facts on screen (no earlier than the first paint); the static page's first paint is what opening any extension page costs here. ` +
        (popup.minimal ? `A minimal popup (one module script, one storage read, then the facts; no framework) answers at ${percentiles(popup.minimal.answer)}: the floor for a popup with script here. ` : '') +
        `The popup's first paint p50 ${ms(w.fcp.p50)}, p95 ${ms(w.fcp.p95)}; its HTML received at p50 ${ms(w.html.p50)} (static page ${ms(wo.html.p50)}); ` +
        `not counted, the browser's creation of the tab before it: median ${ms(w.tabMs)} (static page ${ms(wo.tabMs)}).`,
    }),
  ];
}

function gatewayRows(gateway) {
  const measure = 'A on a real gateway, mismatch frame → token gone';
  if (gateway.skipped) return [row(measure, { target: 'p95 ≤ 200 ms', result: 'not measured', note: gateway.skipped })];
  if (gateway.error) return [failedRow(measure, 'p95 ≤ 200 ms', gateway.error)];
  const w = gateway.with;
  return [
    row(`A on real ${gateway.version}, mismatch frame → token gone (${w.samples.length} runs)`, {
      with: percentiles(w) + (w.misses ? `, ${w.misses} not cleared` : '') + (w.noFrame ? `, ${w.noFrame} with no mismatch frame (rate limit)` : ''),
      without: gateway.without.cleared ? 'cleared (unexpected)' : `kept (${gateway.without.waitedMs / 1000} s)`,
      target: 'p95 ≤ 200 ms',
      result: verdict(w.p95 <= 200),
    }),
  ];
}

/** All rows, in the issue's order. */
export function buildRows(results) {
  return [
    ...detectionRows(results.detection),
    ...busyRows(results.busyDashboard),
    ...plainRows(results.nonDashboardPage),
    ...leftoverRows(results.leftovers),
    ...sizeRows(results.size),
    ...popupRows(results.popup),
    ...gatewayRows(results.realGateway),
  ];
}

const COLUMNS = ['measure', 'with', 'without', 'change', 'target', 'result'];
const HEADINGS = ['Measure', 'With', 'Without', 'Ratio / delta', 'Target', 'Result'];
const notesOf = (rows) => rows.filter((r) => r.note).map((r) => `${r.measure}: ${r.note}`);

/** The rows as aligned plain text for the terminal, misses marked ✗, notes below. */
export function textTable(rows) {
  const mark = { MISS: '✗ MISS', pass: '✓ pass' };
  const cells = rows.map((r) => COLUMNS.map((c) => (c === 'result' ? (mark[r.result] ?? r.result) : r[c])));
  const widths = COLUMNS.map((_, i) => Math.max(HEADINGS[i].length, ...cells.map((cellsOfRow) => cellsOfRow[i].length)));
  const line = (cellsOfRow) => cellsOfRow.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(HEADINGS), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line), '', ...notesOf(rows).map((n) => `  · ${n}`)].join('\n');
}

/** The rows as a Markdown table, misses in bold, notes as a list below. */
export function markdownTable(rows) {
  const escape = (text) => text.replaceAll('|', '\\|').replaceAll('<details>', '`<details>`');
  const cell = (r, c) => (c === 'result' ? (r.result === 'MISS' ? '**MISS**' : r.result) : escape(r[c]));
  return [
    `| ${HEADINGS.join(' | ')} |`,
    `|${HEADINGS.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${COLUMNS.map((c) => cell(r, c)).join(' | ')} |`),
    '',
    ...notesOf(rows).map((n) => `- ${escape(n)}`),
  ].join('\n');
}

/** Replaces the README's text between `<!-- bench:start -->` and `<!-- bench:end -->`; false when the markers are missing. */
export function writeReadmeSection(readmePath, body) {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf('<!-- bench:start -->');
  const end = readme.indexOf('<!-- bench:end -->');
  if (start < 0 || end < start) return false;
  writeFileSync(readmePath, `${readme.slice(0, start)}<!-- bench:start -->\n${body}\n${readme.slice(end)}`);
  return true;
}
