import { describe, expect, it } from 'vitest';
import { diagnoseText } from './diagnose-text';
import { parseRelease } from './release';

const A = 'unauthorized: device token mismatch (rotate/reissue device token)';
const B_UI = 'unauthorized: gateway token mismatch (open the dashboard URL and paste the token in Control UI settings)';
const causesOf = (text: string, options = {}) => diagnoseText(text, options).causes.map((c) => [c.kind, c.client ?? null, c.source]);

describe('diagnoseText: where the words came from', () => {
  it.each([
    [`disconnected (1008): ${A}`, 'browser'],
    [B_UI, 'browser'],
    ['Connection to the Gateway was interrupted. Check your connection and try again. (WebSocket 1006)', 'browser'],
    [`gateway connect failed: ${A}`, 'cli'],
    ['gateway closed (1008): pairing required', 'cli'],
    ['[openclaw] Failed to start CLI: Error: unauthorized', 'cli'],
    ['Gateway target: ws://127.0.0.1:18789', 'cli'],
    ['$ openclaw devices list', 'cli'],
    ['unauthorized: gateway token mismatch (provide gateway auth token)', 'cli'],
    ['[ws] unauthorized conn=1 client=cli cli v2026.9.6 reason=token_mismatch', 'log'],
    ['{"type":"res","ok":false,"error":{"details":{"code":"AUTH_TOKEN_MISMATCH"}}}', 'log'],
    ['{"level":"warn","msg":"x","time":"2026-11-20"}', 'log'],
    ['closed before connect conn=1 code=1008 reason=pairing required', 'log'],
    [A, 'unknown'],
    ['', 'unknown'],
  ])('%j → %s', (text, source) => {
    expect(diagnoseText(text).source).toBe(source);
  });

  it('is mixed when the text holds several sources', () => {
    expect(diagnoseText(`disconnected (1008): ${A}\ngateway connect failed: ${A}`).source).toBe('mixed');
  });

  it('gives unmarked lines the source of the marked line before them, else after them', () => {
    expect(causesOf(['gateway closed (1008): unauthorized: gateway token', 'mismatch (provide gateway auth token)'].join('\n'))).toEqual([['gateway-token-mismatch', 'cli', 'cli']]);
    expect(causesOf([A, 'gateway connect failed: see above'].join('\n'))).toEqual([['device-token-mismatch', 'cli', 'cli']]);
  });
});

describe('diagnoseText: who was refused', () => {
  it.each([
    ['[ws] unauthorized conn=1 client=openclaw-control-ui webchat v2026.9.6 reason=device_token_mismatch', 'browser'],
    ['[ws] unauthorized conn=1 client=cli cli v2026.9.6 reason=device_token_mismatch', 'cli'],
    ['{"msg":"refused","client":{"mode":"cli"},"authReason":"device_token_mismatch"}', 'cli'],
    ['[ws] unauthorized conn=1 reason=device_token_mismatch', null],
  ])('%s → %s', (text, client) => {
    expect(diagnoseText(text).causes[0]?.client ?? null).toBe(client);
  });

  it('the hint names the client when nothing else does', () => {
    expect(causesOf(B_UI)).toEqual([['gateway-token-mismatch', 'browser', 'browser']]);
    expect(causesOf('unauthorized: gateway token mismatch (set gateway.remote.token to match gateway.auth.token)')).toEqual([['gateway-token-mismatch', 'cli', 'cli']]);
  });
});

describe('diagnoseText: one cause per real cause', () => {
  it('reads a log excerpt as one cause per distinct problem, in fix order', () => {
    const excerpt = ['rate_limited', 'device_token_mismatch', 'token_mismatch', 'token_mismatch'].map((reason) => `[ws] unauthorized conn=1 client=openclaw-control-ui webchat v2026.9.6 reason=${reason}`).join('\n');
    expect(diagnoseText(excerpt).causes.map((c) => c.kind)).toEqual(['gateway-token-mismatch', 'device-token-mismatch', 'rate-limited']);
  });

  it('“gateway connect failed:” is the CLI’s prefix, and a bare refusal counts only when nothing names more', () => {
    expect(causesOf('gateway connect failed: Error: pairing required')).toEqual([['pairing-required', 'cli', 'cli']]);
    expect(causesOf(`gateway connect failed: Error: unauthorized\ngateway closed (1008): ${A}`)).toEqual([['device-token-mismatch', 'cli', 'cli']]);
    expect(causesOf('gateway connect failed')).toEqual([['connect-failed', null, 'unknown']]);
  });

  it('the raw error wins over the dashboard’s friendly summary of it', () => {
    expect(diagnoseText(`Dieser Gateway erwartet sein Token\nRohfehler\n${A}`).causes.map((c) => c.kind)).toEqual(['device-token-mismatch']);
    expect(diagnoseText('Dieser Gateway erwartet sein Token').causes.map((c) => c.kind)).toEqual(['gateway-token-missing']);
  });

  it('a command line’s words are no dashboard title', () => {
    expect(diagnoseText('$ openclaw devices approve --help').causes).toEqual([]);
  });

  it('keeps the pairing request id', () => {
    expect(diagnoseText('gateway closed (1008): pairing required: device is not approved yet (requestId: 9e1a77c2)').causes).toEqual([
      { kind: 'pairing-required', requestId: '9e1a77c2', source: 'cli', client: 'cli' },
    ]);
  });
});

describe('diagnoseText: the release, the page’s storage and the container', () => {
  it('takes the release the text names, else the one given', () => {
    expect(diagnoseText('🦞 OpenClaw 2026.4.24 (cbcfdf6)\ngateway connect failed: x').release).toEqual(parseRelease('2026.4.24'));
    expect(diagnoseText('[ws] unauthorized conn=1 client=openclaw-control-ui webchat v2026.6.11 reason=x').release).toEqual(parseRelease('2026.6.11'));
    expect(diagnoseText(A, { release: parseRelease('2026.9.6') }).release).toEqual(parseRelease('2026.9.6'));
    expect(diagnoseText('openclaw@2026.3.8 says hi', { release: parseRelease('2026.9.6') }).release).toEqual(parseRelease('2026.3.8'));
  });

  it('reads the page’s words in the light of its storage, never the CLI’s', () => {
    const stale = { deviceTokenStored: true, sharedTokenHeld: false };
    expect(diagnoseText(B_UI, { stored: stale }).causes.map((c) => c.kind)).toEqual(['device-token-mismatch']);
    expect(diagnoseText(`gateway closed (1008): ${B_UI.replace('open the dashboard URL and paste the token in Control UI settings', 'provide gateway auth token')}`, { stored: stale }).causes.map((c) => c.kind)).toEqual([
      'gateway-token-mismatch',
    ]);
    // Without the page's storage, the words mean what they say.
    expect(diagnoseText(B_UI).causes.map((c) => c.kind)).toEqual(['gateway-token-mismatch']);
    const uncertain = diagnoseText('gateway token mismatch', { stored: stale }).causes[0]!;
    expect(uncertain).toMatchObject({ kind: 'device-token-mismatch', reportedAs: 'gateway-token-mismatch', uncertain: true });
  });

  it('takes the run mode the user chose, else the one the text shows', () => {
    const text = `$ docker compose exec openclaw-gateway openclaw devices list\ngateway connect failed: ${A}`;
    expect(diagnoseText(text)).toMatchObject({ runMode: { kind: 'compose', service: 'openclaw-gateway' }, runModeFromText: true });
    expect(diagnoseText(text, { runMode: { kind: 'host' } })).toMatchObject({ runMode: { kind: 'host' }, runModeFromText: false });
    expect(diagnoseText(A)).toMatchObject({ runMode: null, runModeFromText: false });
  });
});

describe('diagnoseText is total and linear', () => {
  it.each([undefined, null, 42, {}, []])('%j names nothing', (value) => {
    expect(diagnoseText(value as never)).toMatchObject({ source: 'unknown', causes: [] });
  });

  it('reads 10,000 lines and a 2 MB line quickly', () => {
    const start = performance.now();
    diagnoseText(`${'[ws] unauthorized conn=1 client=cli cli v2026.9.6 reason=token_mismatch\n'.repeat(10_000)}`);
    diagnoseText(`${'x'.repeat(2_000_000)} ${A}`);
    diagnoseText('認証'.repeat(500_000));
    diagnoseText(`[ws] conn=${'c'.repeat(60_000)} reason`);
    diagnoseText(`${'unauthorized conn='.repeat(3_000)}${'z'.repeat(10_000)}`);
    expect(performance.now() - start).toBeLessThan(1_500);
  });
});
