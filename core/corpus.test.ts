/**
 * Every real-world text in `tests/corpus/lockout-reports.ts`, through the same functions the
 * popup's paste box runs (`diagnoseText`, then `buildFixGuides`): where it came from, each cause in
 * the order to fix them, who was refused, and the first step the user sees.
 */
import { describe, expect, it } from 'vitest';
import { LOCKOUT_REPORTS, type LockoutReport } from '../tests/corpus/lockout-reports';
import { plainText } from './command-values';
import { diagnoseText } from './diagnose-text';
import { buildFixGuides } from './fix-guide';
import { KINDS } from './lockout';
import { parseRelease } from './release';
import { translatorFor } from './test-i18n';

const t = await translatorFor('en');

function run(report: LockoutReport) {
  const diagnosis = diagnoseText(report.text, { release: parseRelease(report.release), stored: report.stored ?? null, runMode: report.runMode ?? null });
  const guides = buildFixGuides(diagnosis.causes, {
    release: diagnosis.release,
    runMode: diagnosis.runMode,
    source: diagnosis.source,
    deviceTokenStored: report.stored ? report.stored.deviceTokenStored : null,
  }, t);
  return { diagnosis, guides };
}

describe('the corpus', () => {
  it('has at least 60 reports, every kind among them, and every source', () => {
    expect(LOCKOUT_REPORTS.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(LOCKOUT_REPORTS.flatMap((r) => r.causes.map((c) => c.kind)));
    expect(KINDS.filter((kind) => !kinds.has(kind))).toEqual([]);
    expect(new Set(LOCKOUT_REPORTS.map((r) => r.source))).toEqual(new Set(['browser', 'cli', 'log', 'mixed', 'unknown']));
    expect(new Set(LOCKOUT_REPORTS.map((r) => r.name)).size).toBe(LOCKOUT_REPORTS.length);
  });
});

describe.each(KINDS.map((kind) => [kind, LOCKOUT_REPORTS.filter((r) => r.causes[0]?.kind === kind)] as const).filter(([, rows]) => rows.length))(
  '%s',
  (_kind, rows) => {
    it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, report) => {
      const { diagnosis, guides } = run(report);
      expect(diagnosis.source).toBe(report.source);
      expect(
        diagnosis.causes.map((cause) => ({
          kind: cause.kind,
          client: cause.client ?? 'unknown',
          ...(cause.uncertain ? { uncertain: true } : {}),
          ...(cause.requestId ? { requestId: cause.requestId } : {}),
        })),
      ).toEqual(report.causes.map(({ source: _source, ...expected }) => expected));
      if (report.textRunMode) {
        expect(diagnosis.runModeFromText).toBe(true);
        expect(diagnosis.runMode).toEqual(report.textRunMode);
      } else if (!report.runMode) {
        expect(diagnosis.runMode).toBeNull();
      }
      if (report.release && !report.stored) expect(diagnosis.release).toEqual(parseRelease(report.release));
      const first = guides[0]?.steps[0];
      expect(first, 'a first step').toBeDefined();
      expect(first!.command === report.firstStep || plainText(first!.text).includes(report.firstStep!), `${JSON.stringify(first)} starts with ${report.firstStep}`).toBe(true);
    });
  },
);

describe('no lock-out', () => {
  it.each(LOCKOUT_REPORTS.filter((r) => r.causes.length === 0).map((r) => [r.name, r] as const))('%s', (_name, report) => {
    const { diagnosis, guides } = run(report);
    expect(diagnosis.source).toBe(report.source);
    expect(diagnosis.causes).toEqual([]);
    expect(guides).toEqual([]);
  });
});

describe('what the guides say for the CLI', () => {
  const cli = LOCKOUT_REPORTS.filter((r) => r.causes.some((c) => c.client === 'cli'));
  it.each(cli.map((r) => [r.name, r] as const))('%s: CLI steps only, and this browser is not involved', (_name, report) => {
    const { guides } = run(report);
    for (const guide of guides.filter((g) => g.client === 'cli')) {
      const text = [guide.cause, ...guide.steps.map((s) => s.text), ...guide.notes.map((n) => n.text)].map(plainText).join('\n');
      expect(text).not.toMatch(/Clear stale device token/);
      expect(text).toMatch(/browser’s storage is not involved|not this browser’s/);
    }
  });

  it('the CLI’s device token: what it keeps, by release, and the container’s two tokens', () => {
    const report = LOCKOUT_REPORTS.find((r) => r.name.startsWith('Docker: the CLI in the gateway’s Compose service'))!;
    const [guide] = run(report).guides;
    const text = [...guide!.steps, ...guide!.notes].map((s) => plainText(s.text)).join('\n');
    expect(text).toContain('~/.openclaw/identity/device-auth.json');
    expect(text).not.toContain('openclaw.sqlite');
    expect(text).toMatch(/gateway takes gateway\.auth\.token from openclaw\.json first/);
    expect(guide!.notes.some((n) => n.command === 'docker compose up -d --force-recreate openclaw-gateway')).toBe(true);
    const newer = buildFixGuides([{ kind: 'device-token-mismatch', client: 'cli' }], { release: parseRelease('2026.9.6') }, t)[0]!;
    expect(newer.steps.map((s) => plainText(s.text)).join('\n')).toContain('~/.openclaw/state/openclaw.sqlite');
  });
});
