/**
 * A small client for Firefox's Remote Debugging Protocol (the one about:debugging and web-ext
 * use), for what WebDriver BiDi refuses: evaluating in the add-on's background page and in its
 * extension pages. Firefox must be started with `-start-debugger-server <port>` and the prefs in
 * `RDP_PREFS`. Only the few requests the Firefox e2e needs are implemented.
 */
import { connect, type Socket } from 'node:net';

/** Prefs that let a test connect to the debugger server without the confirmation prompt. */
export const RDP_PREFS = {
  'devtools.debugger.remote-enabled': true,
  'devtools.chrome.enabled': true,
  'devtools.debugger.prompt-connection': false,
};

type Packet = { from?: string; type?: string; error?: string; message?: string; [key: string]: unknown };

export class RdpClient {
  private buffer = Buffer.alloc(0);
  private waiters: { from: string; match: (p: Packet) => boolean; resolve: (p: Packet) => void; reject: (e: Error) => void }[] = [];
  private evaluations = new Map<string, (p: Packet) => void>();
  private earlyResults = new Map<string, Packet>();
  private listeners: { from: string; type: string; callback: (p: Packet) => void }[] = [];
  private socket: Socket;
  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
  }

  /** Connects, retrying while Firefox is still opening the port, and reads the greeting. */
  static async connect(port: number, timeoutMs = 15_000): Promise<RdpClient> {
    const started = Date.now();
    for (;;) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(port, '127.0.0.1', () => resolve(s));
          s.once('error', reject);
        });
        const client = new RdpClient(socket);
        await client.next('root', () => true);
        return client;
      } catch (error) {
        if (Date.now() - started > timeoutMs) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  private drain() {
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString()) as Packet;
      this.buffer = this.buffer.subarray(colon + 1 + length);
      // An evaluation's result can arrive in the same chunk as the reply that names it, before
      // anyone waits for it: keep it until asked for.
      if (packet.type === 'evaluationResult') {
        const id = String(packet.resultID);
        const waiting = this.evaluations.get(id);
        if (waiting) {
          this.evaluations.delete(id);
          waiting(packet);
        } else this.earlyResults.set(id, packet);
        continue;
      }
      for (const listener of this.listeners) if (listener.from === packet.from && listener.type === packet.type) listener.callback(packet);
      const index = this.waiters.findIndex((w) => w.from === packet.from && w.match(packet));
      if (index < 0) continue; // events nobody asked for
      const [waiter] = this.waiters.splice(index, 1);
      if (packet.error) waiter!.reject(new Error(`${packet.error}: ${packet.message ?? ''}`));
      else waiter!.resolve(packet);
    }
  }

  /** Calls `callback` with every event of `type` from actor `from`. */
  on(from: string, type: string, callback: (p: Packet) => void): void {
    this.listeners.push({ from, type, callback });
  }

  private next(from: string, match: (p: Packet) => boolean): Promise<Packet> {
    return new Promise((resolve, reject) => this.waiters.push({ from, match, resolve, reject }));
  }

  /** Sends a request and resolves with the actor's reply (the next packet from it that is not an event). */
  request(to: string, type: string, body: object = {}): Promise<Packet> {
    const reply = this.next(to, (p) => !p.type || p.type === type || !!p.error);
    const json = Buffer.from(JSON.stringify({ to, type, ...body }));
    this.socket.write(`${json.length}:`);
    this.socket.write(json);
    return reply;
  }

  /**
   * Evaluates `expression` (awaited) in a console actor's global and returns it parsed: the
   * expression's value goes through JSON.stringify on Firefox's side, so only plain data
   * crosses. Throws with the page's own message when the evaluation throws.
   */
  async evaluate<T>(consoleActor: string, expression: string): Promise<T> {
    const text = `(async () => JSON.stringify({ value: await (${expression}) }))()`;
    const { resultID } = await this.request(consoleActor, 'evaluateJSAsync', { text, mapped: { await: true } });
    const id = String(resultID);
    const result = await Promise.race([
      new Promise<Packet>((resolve) => {
        const early = this.earlyResults.get(id);
        if (early) {
          this.earlyResults.delete(id);
          resolve(early);
        } else this.evaluations.set(id, resolve);
      }),
      new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('evaluation timed out')), 15_000).unref()),
    ]);
    if (result.exceptionMessage) throw new Error(`evaluation failed: ${String(result.exceptionMessage)}`);
    let value = result.result as unknown;
    if (value && typeof value === 'object' && (value as { type?: string }).type === 'longString') {
      const grip = value as { actor: string; length: number };
      value = (await this.request(grip.actor, 'substring', { start: 0, end: grip.length })).substring;
    }
    if (typeof value !== 'string') throw new Error(`evaluation returned ${JSON.stringify(value)}`);
    return (JSON.parse(value) as { value: T }).value;
  }

  close(): void {
    this.socket.destroy();
  }
}
