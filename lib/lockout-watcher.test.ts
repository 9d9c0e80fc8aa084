import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_ERROR_TEXT_LENGTH } from '@/core/classify-error';
import { watchLockouts, type LockoutWatcher } from './lockout-watcher';

const A = 'unauthorized: device token mismatch (rotate/reissue device token)';
const B = 'unauthorized: gateway token mismatch (open the dashboard URL and paste the token in Control UI settings)';
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const kinds = (watcher: LockoutWatcher) => watcher.current().map((l) => l.kind);

let watcher: LockoutWatcher | null = null;
afterEach(() => {
  watcher?.stop();
  document.body.innerHTML = '';
});

describe('watchLockouts', () => {
  it('finds an error already on the page, ignoring scripts and text fields', () => {
    document.body.innerHTML = `\n<script>const x = "${B}"</script>\n<textarea>${B}</textarea><div class="callout danger">${A}</div>\n`;
    watcher = watchLockouts(document, () => {});
    expect(kinds(watcher)).toEqual(['device-token-mismatch']);
  });

  it('ignores error text quoted in the conversation or logged on the Logs page', () => {
    document.body.innerHTML = `<div class="chat-group"><div class="chat-bubble"><div class="chat-text">${A}</div></div><div class="chat-tool-card"><pre>${B}</pre></div></div>
      <div class="log-stream"><div class="log-row"><span class="log-message">[ws] unauthorized reason=device_token_mismatch</span></div></div>`;
    watcher = watchLockouts(document, () => {});
    expect(kinds(watcher)).toEqual([]);
  });

  it('ignores conversation text 9.6 quotes outside the chat: reply previews, session previews, the reader, transcripts', () => {
    document.body.innerHTML = ['chat-reply-preview', 'sidebar-session-attention-tooltip__preview', 'sidebar-markdown-reader', 'transcripts-notice']
      .map((name) => `<div class="${name}"><p>${A}</p></div>`)
      .join('');
    watcher = watchLockouts(document, () => {});
    expect(kinds(watcher)).toEqual([]);
  });

  it('reads text beside a script without reading the script', () => {
    document.body.innerHTML = `<script>const x = "${B}"</script>disconnected (1008): ${A}`;
    watcher = watchLockouts(document, () => {});
    expect(kinds(watcher)).toEqual(['device-token-mismatch']);
  });

  it('reads collapsed <details>', () => {
    document.body.innerHTML = `<details><summary>Details</summary><div class="raw">${A}</div></details>`;
    watcher = watchLockouts(document, () => {});
    expect(kinds(watcher)).toEqual(['device-token-mismatch']);
  });

  it('sees errors that appear, change and go away later', async () => {
    const onChange = vi.fn();
    watcher = watchLockouts(document, onChange);
    const pill = document.createElement('div');
    document.body.append(pill);
    pill.textContent = A;
    await tick();
    expect(kinds(watcher)).toEqual(['device-token-mismatch']);
    (pill.firstChild as Text).data = B;
    await tick();
    expect(kinds(watcher)).toEqual(['gateway-token-mismatch']);
    pill.remove();
    await tick();
    expect(kinds(watcher)).toEqual([]);
    expect(onChange.mock.calls.map(([l]) => l.map((x: { kind: string }) => x.kind))).toEqual([
      [],
      ['device-token-mismatch'],
      ['gateway-token-mismatch'],
      [],
    ]);
  });

  it('reads and watches open shadow roots', async () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = `<p>${B}</p>`;
    document.body.append(host);
    watcher = watchLockouts(document, () => {});
    expect(kinds(watcher)).toEqual(['gateway-token-mismatch']);
    const late = document.createElement('span');
    late.textContent = `disconnected (1008): ${A}`;
    root.append(late);
    await tick();
    expect(kinds(watcher)).toEqual(['gateway-token-mismatch', 'device-token-mismatch']);
  });

  it('finds a shadow root added later', async () => {
    watcher = watchLockouts(document, () => {});
    const host = document.createElement('x-panel');
    host.attachShadow({ mode: 'open' }).innerHTML = `<p>${A}</p>`;
    document.body.append(host);
    await tick();
    expect(kinds(watcher)).toEqual(['device-token-mismatch']);
  });

  it('finds a shadow root attached a moment after its element was added', async () => {
    watcher = watchLockouts(document, () => {});
    const host = document.createElement('late-panel');
    document.body.append(host);
    await tick();
    host.attachShadow({ mode: 'open' }).innerHTML = `<p>${A}</p>`;
    await vi.waitFor(() => expect(kinds(watcher!)).toEqual(['device-token-mismatch']));
  });

  it('finds a shadow root attached seconds after its element (a lazily defined component)', async () => {
    vi.useFakeTimers();
    try {
      watcher = watchLockouts(document, () => {});
      const host = document.createElement('wa-tooltip');
      document.body.append(host);
      await vi.advanceTimersByTimeAsync(2_000);
      host.attachShadow({ mode: 'open' }).innerHTML = `<p>${A}</p>`;
      await vi.advanceTimersByTimeAsync(3_000); // the looks at 50 ms, 0.3 s, 1.3 s and 4.3 s
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads text that sits straight in an open shadow root, also when it changes in place', async () => {
    const host = document.createElement('x-error');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<style>:host{color:red}</style>';
    const text = document.createTextNode('connecting…');
    root.append(text);
    document.body.append(host);
    watcher = watchLockouts(document, () => {});
    expect(kinds(watcher)).toEqual([]);
    text.data = `disconnected (1008): ${A}`;
    await tick();
    expect(kinds(watcher)).toEqual(['device-token-mismatch']);
    text.data = 'connected';
    await tick();
    expect(kinds(watcher)).toEqual([]);
  });

  it('an element with a data-kind and error text of its own gives both readings', async () => {
    document.body.innerHTML = '<div class="pill danger" data-kind="pairing-required">pairing</div>';
    watcher = watchLockouts(document, () => {});
    expect(kinds(watcher)).toEqual(['pairing-required']);
    document.querySelector('.pill')!.textContent = `disconnected (1008): ${A}`;
    await tick();
    expect(kinds(watcher).sort()).toEqual(['device-token-mismatch', 'pairing-required']);
  });

  it('reads 9.x data-kind, also when it changes', async () => {
    document.body.innerHTML = '<section class="login-gate__failure" data-kind="network"><details><div>offline</div></details></section>';
    watcher = watchLockouts(document, () => {});
    expect(kinds(watcher)).toEqual([]);
    document.querySelector('section')!.setAttribute('data-kind', 'auth-rate-limited');
    await tick();
    expect(kinds(watcher)).toEqual(['rate-limited']);
  });

  it('reads a reconnect tooltip two shadow roots deep (9.x gateway-status pill)', async () => {
    watcher = watchLockouts(document, () => {});
    const tooltip = document.createElement('openclaw-tooltip');
    const inner = document.createElement('wa-tooltip');
    inner.attachShadow({ mode: 'open' }).innerHTML = '<span class="tooltip-content"></span>';
    tooltip.attachShadow({ mode: 'open' }).append(inner);
    document.body.append(tooltip);
    await tick();
    inner.shadowRoot!.querySelector('span')!.textContent = `disconnected (1008): ${A}`;
    await tick();
    expect(kinds(watcher)).toEqual(['device-token-mismatch']);
  });

  it('skips what it is told to ignore', () => {
    document.body.innerHTML = `<div id="mine">${A}</div>`;
    watcher = watchLockouts(document, () => {}, { ignore: (node) => (node as Element).id === 'mine' || node.parentNode === document.getElementById('mine') });
    expect(kinds(watcher)).toEqual([]);
  });

  it('stops observing when stopped', async () => {
    const onChange = vi.fn();
    watcher = watchLockouts(document, onChange);
    watcher.stop();
    document.body.innerHTML = `<div>${A}</div>`;
    await tick();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  describe('the conversation is not observed, the rest is', () => {
    /** Counts the watcher's observer callbacks: a change it never hears of costs the page nothing. */
    function countCallbacks() {
      const counted = { calls: 0 };
      const Native = globalThis.MutationObserver;
      vi.stubGlobal(
        'MutationObserver',
        class extends Native {
          constructor(callback: MutationCallback) {
            super((records, observer) => {
              counted.calls++;
              callback(records, observer);
            });
          }
        },
      );
      return counted;
    }
    afterEach(() => void vi.unstubAllGlobals());

    // A container of conversation the watcher does not know by name (a future release's
    // thread): observed as a spine, so what shows beside the bubbles in it is still read.
    const chat = `<div class="errors"></div><section class="messages"><div class="chat-group"><div class="chat-bubble"><div class="chat-text"><p>hi</p></div></div></div></section>`;
    /** 1.30–9.6's chat card: the thread, conversation as a whole, and the callout beside it. */
    const chatCard = `<section class="card chat"><div class="callout danger"></div><div class="chat-thread" role="log"><div class="chat-group"><div class="chat-bubble"><div class="chat-text"><p>hi</p></div></div></div></div></section>`;

    it('hears nothing of what happens in a release\'s chat thread, and reads the callout beside it', async () => {
      document.body.innerHTML = chatCard;
      const counted = countCallbacks();
      watcher = watchLockouts(document, () => {});
      const thread = document.querySelector('.chat-thread')!;
      const group = document.createElement('div');
      group.className = 'chat-group';
      group.innerHTML = `<div class="chat-bubble streaming"><div class="chat-text"><p>${B}</p></div></div><div class="chat-group-footer">disconnected (1008): ${A}</div>`;
      thread.append(group);
      thread.firstElementChild!.remove();
      thread.append(document.createTextNode(`Loading chat… ${A}`));
      group.querySelector('.chat-bubble')!.classList.remove('streaming');
      thread.setAttribute('aria-busy', 'true');
      await tick();
      expect(counted.calls).toBe(0);
      expect(kinds(watcher)).toEqual([]);
      document.querySelector('.callout.danger')!.textContent = `disconnected (1008): ${A}`;
      await tick();
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
    });

    it('reads the error 9.6 shows inside its new-session page, which becomes a chat thread while the session starts', async () => {
      document.body.innerHTML = `<div class="new-session-page__scroll" aria-busy="false"></div>`;
      watcher = watchLockouts(document, () => {});
      const scroll = document.querySelector('.new-session-page__scroll')!;
      // Lit adds the class in place, then renders the request's error and the pending message.
      scroll.className = 'new-session-page__scroll chat-thread';
      scroll.innerHTML = `<div class="callout danger new-session-page__error"><span class="callout__content">gateway closed (1008): ${A}</span></div><div class="new-session-page__starting chat-thread-inner"><div class="chat-group user"><div class="chat-bubble"><div class="chat-text">${B}</div></div></div></div>`;
      await tick();
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
    });

    it('reads a chat thread that stops being one', async () => {
      document.body.innerHTML = chatCard;
      watcher = watchLockouts(document, () => {});
      const thread = document.querySelector('.chat-thread')!;
      thread.append(document.createTextNode(A));
      await tick();
      expect(kinds(watcher)).toEqual([]);
      thread.className = 'status';
      await tick();
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
    });

    it('hears nothing of a reply streamed into a chat bubble', async () => {
      document.body.innerHTML = chat;
      const counted = countCallbacks();
      watcher = watchLockouts(document, () => {});
      const text = document.querySelector('.chat-text')!;
      const tail = text.firstElementChild!.appendChild(document.createTextNode(''));
      tail.appendData(` the tests failed: ${A}`);
      text.innerHTML = `<p>re-rendered: ${A}</p>`;
      document.querySelector('.chat-bubble')!.setAttribute('data-tokens', '12');
      await tick();
      expect(counted.calls).toBe(0);
      expect(kinds(watcher)).toEqual([]);
      // Beside the chat, the same page is still watched.
      document.querySelector('.errors')!.textContent = A;
      await tick();
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
    });

    it('reads a new message group and an error shown beside the bubbles in it', async () => {
      document.body.innerHTML = chat;
      watcher = watchLockouts(document, () => {});
      const group = document.createElement('div');
      group.className = 'chat-group';
      group.innerHTML = `<div class="chat-bubble"><div class="chat-text">${B}</div></div><div class="chat-group-footer"></div>`;
      document.querySelector('.messages')!.append(group);
      await tick();
      expect(kinds(watcher)).toEqual([]);
      group.querySelector('.chat-group-footer')!.textContent = `disconnected (1008): ${A}`;
      await tick();
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
    });

    it('follows Lit’s in-place text updates in a text node beside the chat', async () => {
      document.body.innerHTML = `${chat}<span class="pill">Connected</span>`;
      document.querySelector('.messages')!.append(document.createTextNode('Connected'));
      watcher = watchLockouts(document, () => {});
      (document.querySelector('.messages')!.lastChild as Text).data = `disconnected (1008): ${A}`;
      await tick();
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
      (document.querySelector('.messages')!.lastChild as Text).data = B;
      await tick();
      expect(kinds(watcher)).toEqual(['gateway-token-mismatch']);
    });

    it('reads and watches a text node that moves out of the chat', async () => {
      document.body.innerHTML = `${chat}<div class="status"></div>`;
      const text = document.querySelector('.chat-text p')!.appendChild(document.createTextNode(A));
      watcher = watchLockouts(document, () => {});
      expect(kinds(watcher)).toEqual([]);
      document.querySelector('.status')!.append(text);
      await tick();
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
      text.data = B;
      await tick();
      expect(kinds(watcher)).toEqual(['gateway-token-mismatch']);
    });

    it('reads and watches an element that stops being conversation', async () => {
      document.body.innerHTML = `${chat}<div class="chat-text" id="was-chat">${A}</div>`;
      watcher = watchLockouts(document, () => {});
      expect(kinds(watcher)).toEqual([]);
      const element = document.getElementById('was-chat')!;
      element.className = 'callout danger';
      await tick();
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
      element.firstChild!.textContent = B;
      await tick();
      expect(kinds(watcher)).toEqual(['gateway-token-mismatch']);
      // And the other way: conversation again, not read.
      element.className = 'chat-text';
      element.firstChild!.textContent = A;
      await tick();
      expect(kinds(watcher)).toEqual([]);
    });

    // happy-dom keeps a registration's first options when `observe` is called again, so that the
    // chat is no longer heard of is for Chromium (the bench); here, that nothing else is missed.
    it('still watches the rest once a chat appears in a part observed whole', async () => {
      document.body.innerHTML = '<main><div class="view">Overview</div><div class="errors"></div></main>';
      watcher = watchLockouts(document, () => {});
      document.querySelector('.view')!.innerHTML = chat;
      await tick();
      document.querySelector('.chat-text')!.append(` more ${A}`);
      await tick();
      expect(kinds(watcher)).toEqual([]);
      document.querySelector('.view .errors')!.append(document.createTextNode('Connected'));
      await tick();
      (document.querySelector('.view .errors')!.firstChild as Text).data = B;
      await tick();
      expect(kinds(watcher)).toEqual(['gateway-token-mismatch']);
      document.querySelector('main > .errors')!.textContent = A;
      await tick();
      expect(kinds(watcher)).toEqual(['gateway-token-mismatch', 'device-token-mismatch']);
    });

    it('finds a data-kind gate added next to the chat, and its later changes', async () => {
      document.body.innerHTML = chat;
      watcher = watchLockouts(document, () => {});
      const gate = document.createElement('section');
      gate.className = 'login-gate__failure';
      gate.setAttribute('data-kind', 'network');
      document.querySelector('.messages')!.append(gate);
      await tick();
      expect(kinds(watcher)).toEqual([]);
      gate.setAttribute('data-kind', 'auth-rate-limited');
      await tick();
      expect(kinds(watcher)).toEqual(['rate-limited']);
    });
  });

  describe('6.x–9.x login gates in any language: data-kind and the raw error', () => {
    /** A 9.x gate as it renders: a translated title and summary, the raw error folded away. */
    const gate = (dataKind: string, raw: string, title = 'Dieser Gateway erwartet sein Token') =>
      `<section class="login-gate__failure" data-kind="${dataKind}" data-tone="warn"><h1 class="login-gate__failure-title">${title}</h1>` +
      `<p class="login-gate__failure-summary">Zusammenfassung</p><details class="login-gate__failure-detail"><summary>Rohfehler</summary>` +
      `<div class="login-gate__failure-raw mono">${raw}</div></details></section>`;

    it.each([
      // [data-kind, raw error, what is read]
      ['auth-required', A, ['device-token-mismatch']],
      ['auth-required', 'unauthorized: gateway token missing (paste in Control UI settings or openclaw doctor --generate-gateway-token; restart)', ['gateway-token-missing']],
      ['auth-required', 'unauthorized: gateway password missing (enter the password in Control UI settings)', ['password-missing']],
      ['auth-required', '', ['gateway-token-missing']],
      ['auth-failed', B, ['gateway-token-mismatch']],
      ['auth-failed', 'unauthorized: gateway password mismatch (enter the password in Control UI settings)', ['password-mismatch']],
      ['auth-failed', 'unauthorized', ['unauthorized']],
      ['auth-failed', '', ['gateway-token-mismatch']],
      ['pairing-required', 'device pairing required (requestId: 3f2b8c1e-9d4a)', ['pairing-required']],
      ['build-mismatch', 'protocol mismatch', ['build-mismatch']],
      ['trusted-proxy', 'unauthorized', ['trusted-proxy']],
      ['verified-user-required', '', ['verified-user-required']],
      ['insecure-context', '', ['device-identity-required']],
      ['network', 'disconnected (1006): ', []],
      ['profile-unavailable', '', []],
    ] as const)('%s with %j reads %j', (dataKind, raw, expected) => {
      document.body.innerHTML = gate(dataKind, raw);
      watcher = watchLockouts(document, () => {});
      expect(kinds(watcher)).toEqual(expected);
    });

    it('keeps the request id of the raw error', () => {
      document.body.innerHTML = gate('pairing-required', 'device pairing required (requestId: 3f2b8c1e-9d4a)', 'このブラウザを承認');
      watcher = watchLockouts(document, () => {});
      expect(watcher.current()).toEqual([{ kind: 'pairing-required', requestId: '3f2b8c1e-9d4a' }]);
    });

    it('follows the raw error as it changes inside the collapsed details', async () => {
      document.body.innerHTML = gate('auth-required', '');
      watcher = watchLockouts(document, () => {});
      expect(kinds(watcher)).toEqual(['gateway-token-missing']);
      document.querySelector('.login-gate__failure-raw')!.textContent = A;
      await tick();
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
      document.querySelector('section')!.setAttribute('data-kind', 'auth-failed');
      document.querySelector('.login-gate__failure-raw')!.textContent = B;
      await tick();
      expect(kinds(watcher)).toEqual(['gateway-token-mismatch']);
    });

    it('marks what a login gate shows, which dates the page to 3.x or later', () => {
      document.body.innerHTML = `<div class="login-gate"><div class="login-gate__card"><div class="callout danger">${A}</div></div></div><div class="pill danger">${B}</div>`;
      watcher = watchLockouts(document, () => {});
      const current = watcher.current();
      expect(current).toHaveLength(2);
      expect(current).toEqual(expect.arrayContaining([{ kind: 'gateway-token-mismatch', hint: 'control-ui' }, { kind: 'device-token-mismatch', shownIn: 'login-gate' }]));
    });

    it('auth-required and auth-failed count only on the gate’s failure element', () => {
      document.body.innerHTML = '<div data-kind="auth-required">model needs sign-in</div><div data-kind="auth-failed"></div>';
      watcher = watchLockouts(document, () => {});
      expect(kinds(watcher)).toEqual([]);
    });
  });

  describe('prototype keys', () => {
    it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('reports nothing for data-kind=%j', async (name) => {
      document.body.innerHTML = `<section class="login-gate__failure" data-kind="${name}"><details><div>offline</div></details></section>`;
      const onChange = vi.fn();
      watcher = watchLockouts(document, onChange);
      expect(watcher.current()).toEqual([]);
      document.querySelector('section')!.setAttribute('data-kind', 'auth-failed');
      document.querySelector('section')!.setAttribute('data-kind', name);
      await tick();
      expect(watcher.current()).toEqual([]);
      expect(onChange.mock.calls).toEqual([[[]]]);
    });
  });

  describe('missed phrases', () => {
    it.each([
      ['gateway token\nmissing', 'gateway-token-missing'],
      ['pairing\u00a0required', 'pairing-required'],
      ['unauthorized: gateway password missing (enter the password in Control UI settings)', 'password-missing'],
    ])('finds %j', (text, kind) => {
      const div = document.createElement('div');
      div.textContent = text;
      document.body.append(div);
      watcher = watchLockouts(document, () => {});
      expect(kinds(watcher)).toEqual([kind]);
    });

    it('finds a message split over text nodes with a line break between', () => {
      document.body.innerHTML = '<div class="pill danger">disconnected (<!---->4008<!---->):\n<!---->connect failed<!----></div>';
      watcher = watchLockouts(document, () => {});
      expect(kinds(watcher)).toEqual(['connect-failed']);
    });
  });

  describe('page text read per element is capped', () => {
    it(`reads at most ${MAX_ERROR_TEXT_LENGTH} characters of an element`, async () => {
      const big = document.createElement('div');
      big.textContent = `${'x'.repeat(MAX_ERROR_TEXT_LENGTH)} ${A}`;
      document.body.append(big);
      watcher = watchLockouts(document, () => {});
      expect(kinds(watcher)).toEqual([]);
      // Nor across several text nodes of one element.
      big.append(document.createTextNode(A));
      await tick();
      expect(kinds(watcher)).toEqual([]);
    });

    it('a page with thousands of error elements costs a bounded amount per batch', async () => {
      // Each element is read again on every batch while it names a lock-out: only so many are kept.
      document.body.innerHTML = Array.from({ length: 500 }, () => `<div>${A} ${'y'.repeat(60_000)}</div>`).join('');
      watcher = watchLockouts(document, () => {});
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
      const start = performance.now();
      for (let i = 0; i < 20; i++) {
        document.body.append(document.createElement('span'));
        await tick();
      }
      expect(performance.now() - start).toBeLessThan(1_000);
    });

    it('stays fast beside a 10 MB text node', async () => {
      const huge = `${A} ${'x'.repeat(10_000_000)}`;
      const div = document.createElement('div');
      div.append(huge);
      document.body.append(div);
      const start = performance.now();
      watcher = watchLockouts(document, () => {});
      expect(kinds(watcher)).toEqual(['device-token-mismatch']);
      // Every later mutation batch reads each source element again.
      for (let i = 0; i < 20; i++) {
        document.body.append(document.createElement('span'));
        await tick();
      }
      expect(performance.now() - start).toBeLessThan(500);
    });
  });
});
