/**
 * The pages the bench loads, served on a free loopback port (never 18789, where a real gateway
 * may run): a connected dashboard with a chat history (it carries the Control UI fingerprint,
 * `<openclaw-app>`, so the extension treats it as one) and a plain dev-server page that is not
 * a dashboard. No real OpenClaw code: both are written here, so every run loads the same bytes.
 */
import { createServer } from 'node:http';

/** Words of a coding assistant's reply. Some are words the watcher's cheap test lets through
 * ("failed", "updated", "localhost", "missing"), as real chats about code contain them. */
const CHAT_WORDS = (
  'I ran the tests again and two of them failed because the fixture was missing a field so I updated the ' +
  'helper and restarted the dev server on localhost the build is green now here is the diff for the parser ' +
  'change which keeps the old behaviour for empty input and adds a timeout to the request'
).split(' ');

/**
 * A connected dashboard: sidebar, a chat thread of `history` earlier messages, a composer and a
 * status line. Its script seeds what a paired browser holds (device identity, device token,
 * shared token), like the e2e demo dashboard does, so a lock-out error on it is a certain A.
 */
function dashboardHtml(history) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OpenClaw Control</title>
<style>
  body { margin: 0; font: 14px system-ui, sans-serif; background: #12141a; color: #e8e8e8; }
  openclaw-app { display: grid; grid-template-columns: 220px 1fr; height: 100vh; }
  .sidebar { background: #181b22; padding: 12px; } .sidebar a { display: block; color: #9cf; padding: 4px 0; }
  .content { display: flex; flex-direction: column; min-height: 0; }
  .chat-thread { flex: 1; overflow: auto; padding: 12px; }
  .chat-group { margin: 8px 0; } .chat-group.user .chat-bubble { background: #24304a; }
  .chat-bubble { background: #1c1f27; border-radius: 10px; padding: 8px 12px; max-width: 720px; }
  .chat-bubble.streaming { outline: 1px solid #3a6; }
  .chat-text p { margin: 4px 0; } .chat-text code { background: #0f1116; padding: 0 3px; }
  .chat-compose textarea { width: 100%; height: 48px; } .status { color: #9aa; padding: 4px 12px; }
  .callout.danger { margin: 8px 12px; padding: 10px; border: 1px solid #e5484d; color: #ffb4b4; }
</style></head>
<body>
<openclaw-app>
  <aside class="sidebar"><nav><a href="#chat">Chat</a><a href="#overview">Overview</a><a href="#sessions">Sessions</a><a href="#logs">Logs</a></nav></aside>
  <main class="content">
    <div class="errors"></div>
    <section class="chat-thread" aria-live="polite"></section>
    <div class="chat-compose"><textarea placeholder="Message"></textarea></div>
    <div class="status">Connected</div>
  </main>
</openclaw-app>
<script>
const GW = 'ws://' + location.host;
const deviceId = 'bench' + '0'.repeat(59);
localStorage.setItem('openclaw-device-identity-v1', JSON.stringify({ version: 1, deviceId, publicKey: 'p', privateKey: 'k', createdAtMs: 1 }));
localStorage.setItem('openclaw.device.auth.v1:' + GW, JSON.stringify({ version: 1, deviceId, tokens: { operator: { token: 'bench-device-token', role: 'operator', scopes: ['operator.admin'], updatedAtMs: 1 } } }));
sessionStorage.setItem('openclaw.control.token.v1:' + GW, 'bench-shared-token');
const words = ${JSON.stringify(CHAT_WORDS)};
const sentence = (i, n) => Array.from({ length: n }, (_, k) => words[(i * 7 + k) % words.length]).join(' ');
const thread = document.querySelector('.chat-thread');
for (let i = 0; i < ${history}; i++) {
  const group = document.createElement('div');
  group.className = 'chat-group ' + (i % 2 ? 'assistant' : 'user');
  group.innerHTML = '<div class="chat-bubble"><div class="chat-text"><p>' + sentence(i, 24) + '</p><p><code>npm test</code> ' + sentence(i + 1, 12) + '</p></div></div>';
  thread.append(group);
}
</script></body></html>`;
}

/** A developer's own page on localhost: some markup, a stylesheet and a script that renders a list. */
const PLAIN_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>my-app (dev)</title>
<style> body { font: 14px system-ui, sans-serif; margin: 24px; } li { padding: 2px 0; } .done { color: #888; } </style></head>
<body><header><h1>my-app</h1><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<main id="root"></main>
<script>
const items = Array.from({ length: 300 }, (_, i) => ({ id: i, title: 'Task ' + i, done: i % 3 === 0 }));
const list = document.createElement('ul');
for (const item of items) {
  const li = document.createElement('li');
  li.textContent = item.title;
  if (item.done) li.className = 'done';
  list.append(li);
}
document.getElementById('root').append(list);
</script></body></html>`;

/**
 * Starts the page server on 127.0.0.1 and a free port: `/dashboard` and `/plain` (any query is
 * ignored, so `?run=<n>` makes each load a fresh URL). Returns `{ origin, close }`.
 */
export async function startPageServer({ history = 60 } = {}) {
  const dashboard = dashboardHtml(history);
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const body = pathname === '/dashboard' ? dashboard : pathname === '/plain' ? PLAIN_HTML : null;
    response.writeHead(body === null ? 404 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(body ?? 'not found');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // kept-alive browser connections would hold the close open
      }),
  };
}
