/**
 * A fault-injecting HTTP proxy for sync tests: it sits between the client and a real server on
 * 127.0.0.1 and, per rule, refuses connections (offline), answers a status itself (401, 403, 429 with
 * Retry-After, 500, 503, 507…), cuts a request body after N bytes (a truncated upload: the server
 * sees the connection drop mid-PUT), cuts a response body, or holds a response until the test
 * releases it (a slow server: the client gives up while the server has done the work).
 *
 * Everything else passes through unchanged, except `Host` and the `Destination` of MOVE/COPY,
 * rewritten to the server's origin so the server sees requests as if sent to it directly.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';

export type FaultAction =
  /** Answer this status (and headers/body) without asking the server. */
  | { respond: number; headers?: Record<string, string>; body?: string }
  /** Forward only the first `bytes` of the request body, then drop both connections. */
  | { cutRequestAfter: number }
  /** Forward, then send the client only the first `bytes` of the response body and drop it. */
  | { cutResponseAfter: number }
  /** Forward; hold the server's answer until `release()` (the client may time out meanwhile). */
  | { hold: true };

export interface FaultRule {
  method?: string;
  /** Matches when the request path contains this string (or matches this pattern). */
  path?: string | RegExp;
  /** How many requests it applies to (default: all while it is set). */
  times?: number;
  action: FaultAction;
}

export interface LoggedRequest {
  method: string;
  path: string;
  /** The status the client got, or what the proxy did instead (`cut-request`, `cut-response`). */
  outcome: number | string;
  /** Set when a rule decided the outcome. */
  fault?: string;
}

export interface FaultProxy {
  /** The proxy's URL for the server URL `target` (same path, proxy origin). */
  urlFor(target: string): string;
  /** Adds a rule; the first matching rule with `times` left applies. */
  add(rule: FaultRule): void;
  clear(): void;
  /** Every request seen, in arrival order. */
  log: LoggedRequest[];
  /** Stops listening and drops every open connection: clients get "connection refused". */
  offline(): Promise<void>;
  /** Listens again on the same port. */
  online(): Promise<void>;
  /** Lets every held response go on to the client (or to a closed socket). */
  release(): void;
  /** Resolves when a response is being held (the server has answered it). */
  held(): Promise<void>;
  stop(): Promise<void>;
}

interface LiveRule extends FaultRule {
  left: number;
}

function matches(rule: FaultRule, req: IncomingMessage): boolean {
  if (rule.method && rule.method !== req.method) return false;
  const path = req.url ?? '';
  if (typeof rule.path === 'string' && !path.includes(rule.path)) return false;
  if (rule.path instanceof RegExp && !rule.path.test(path)) return false;
  return true;
}

/** Starts a proxy on 127.0.0.1 (a free port) in front of the server at `targetOrigin`. */
export async function startFaultProxy(targetOrigin: string): Promise<FaultProxy> {
  const target = new URL(targetOrigin);
  const rules: LiveRule[] = [];
  const log: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const waiting: Array<() => void> = [];
  const heldWaiters: Array<() => void> = [];
  let server: Server;
  let port = 0;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const entry: LoggedRequest = { method: req.method ?? '', path: req.url ?? '', outcome: 0 };
    log.push(entry);
    const rule = rules.find((r) => r.left > 0 && matches(r, req));
    if (rule) rule.left -= 1;
    const action = rule?.action;
    if (action) entry.fault = JSON.stringify(action);

    if (action && 'respond' in action) {
      req.resume();
      entry.outcome = action.respond;
      res.writeHead(action.respond, action.headers ?? {});
      res.end(action.body ?? '');
      return;
    }

    const proxyOrigin = `http://127.0.0.1:${port}`;
    const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: target.host };
    const destination = headers.destination;
    if (typeof destination === 'string' && destination.startsWith(proxyOrigin))
      headers.destination = target.origin + destination.slice(proxyOrigin.length);
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (answer) => {
        const forward = () => {
          entry.outcome = answer.statusCode ?? 0;
          if (action && 'cutResponseAfter' in action) {
            entry.outcome = 'cut-response';
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            let sent = 0;
            // Drop the connection once the bytes written so far are on their way (headers included).
            const drop = () => res.socket?.destroy();
            answer.on('data', (chunk: Buffer) => {
              if (sent >= action.cutResponseAfter) return;
              const room = action.cutResponseAfter - sent;
              sent += chunk.length;
              if (sent >= action.cutResponseAfter) {
                answer.destroy();
                res.write(chunk.subarray(0, room), drop);
              } else res.write(chunk);
            });
            answer.on('end', () => res.write('', drop));
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        };
        if (action && 'hold' in action) {
          waiting.push(forward);
          for (const wake of heldWaiters.splice(0)) wake();
        } else forward();
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502);
        res.end();
      }
    });

    if (action && 'cutRequestAfter' in action) {
      entry.outcome = 'cut-request';
      let sent = 0;
      req.on('data', (chunk: Buffer) => {
        const room = action.cutRequestAfter - sent;
        if (room > 0) upstream.write(chunk.subarray(0, room));
        sent += chunk.length;
        if (sent >= action.cutRequestAfter) {
          // The server sees its client vanish mid-body; so does ours.
          upstream.destroy();
          req.socket.destroy();
        }
      });
      req.on('end', () => {
        upstream.destroy();
        req.socket.destroy();
      });
      return;
    }
    req.pipe(upstream);
  };

  let listening = false;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      if (listening) return resolve();
      const next = createServer(handle);
      next.on('connection', (socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        const address = next.address();
        port = typeof address === 'object' && address ? address.port : port;
        server = next;
        listening = true;
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });

  await listen();
  return {
    urlFor(url: string) {
      const u = new URL(url);
      return `http://127.0.0.1:${port}${u.pathname}${u.search}`;
    },
    add(rule) {
      rules.push({ ...rule, left: rule.times ?? Number.POSITIVE_INFINITY });
    },
    clear() {
      rules.length = 0;
    },
    log,
    offline: close,
    online: listen,
    release() {
      for (const forward of waiting.splice(0)) forward();
    },
    held() {
      if (waiting.length) return Promise.resolve();
      return new Promise((resolve) => heldWaiters.push(resolve));
    },
    async stop() {
      for (const forward of waiting.splice(0)) forward();
      await close();
    },
  };
}
