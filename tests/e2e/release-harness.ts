/**
 * The release-path harness: the RELEASE build (TALKMARKS_E2E=0, no local hosts in its manifest) in
 * Chromium, with fixture pages served over HTTPS under real host names. One local TLS server (a
 * self-signed certificate made at start with openssl) answers for every host, routing by the Host
 * header; Chromium resolves the mapped hosts to it (`--host-resolver-rules`) and every other host to
 * nothing, so no request leaves the machine. The toolbar button is clicked as a user clicks it
 * (CDP `Extensions.triggerAction`: grants activeTab and opens the real popup), and the real popup is
 * driven over CDP (it is not a tab, so Playwright does not list it as a page).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';

export const RELEASE_EXT_DIR = resolve(process.env.TALKMARKS_RELEASE_EXT_DIR ?? '.output-release/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** What one host serves: exact paths mapped to files, and/or a folder served as is. */
export interface Site {
  files?: Record<string, string>;
  root?: string;
}

export interface TlsServer {
  port: number;
  hosts: string[];
  close(): Promise<void>;
}

function sendFile(res: ServerResponse, file: string): void {
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

function serve(site: Site | undefined, req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname);
  const mapped = site?.files?.[path];
  if (mapped) {
    sendFile(res, resolve(mapped));
    return;
  }
  if (site?.root) {
    const root = resolve(site.root);
    const file = normalize(join(root, path));
    if (file.startsWith(root) && existsSync(file) && statSync(file).isFile()) {
      sendFile(res, file);
      return;
    }
  }
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
}

/** An HTTPS server on 127.0.0.1:0 with a fresh self-signed certificate, answering each host from its Site. */
export async function serveHosts(sites: Record<string, Site>): Promise<TlsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'talkmarks-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=talkmarks-test', '-days', '2'].concat([
      '-keyout',
      key,
      '-out',
      cert,
    ]),
    { stdio: 'ignore' },
  );
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    serve(sites[host], req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    hosts: Object.keys(sites),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          done();
        });
      }),
  };
}

/** The answer to `talkmarks:capture`, or the error Chromium gives when no script in the tab listens. */
export type Probe = { answer: unknown } | { error: string };

export interface ReleaseSession {
  context: BrowserContext;
  extensionId: string;
  /** An extension page in a window of its own: asks tabs and storage without taking the pages' focus. */
  probe: Page;
  /** The extension's tab id of the tab showing `url`. */
  tabIdOf(url: string): Promise<number>;
  /** Sends `talkmarks:capture` to the tab from the extension (this never injects anything). */
  ask(tabId: number): Promise<Probe>;
  /** Clicks the toolbar button on the tab showing `url`, as a user would: activeTab, and the real popup. */
  clickAction(url: string): Promise<Popup>;
  close(): Promise<void>;
}

/** Launches Chromium (headless, own throwaway profile) with the release build and the hosts mapped to `server`. */
export async function launchRelease(server: TlsServer): Promise<ReleaseSession> {
  const profileDir = mkdtempSync(join(tmpdir(), 'talkmarks-release-'));
  const rules = [...server.hosts.map((h) => `MAP ${h} 127.0.0.1:${server.port}`), 'MAP * ~NOTFOUND'];
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${RELEASE_EXT_DIR}`,
      `--load-extension=${RELEASE_EXT_DIR}`,
      `--host-resolver-rules=${rules.join(', ')}`,
      '--ignore-certificate-errors',
      '--enable-unsafe-extension-debugging', // Extensions.triggerAction
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  const browser = context.browser();
  if (!browser)
    throw new Error('no browser handle: Extensions.triggerAction needs a browser-level CDP session');
  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('Target.setDiscoverTargets', { discover: true });

  // The probe page lives in a second window, so each fixture page stays the active tab of its own.
  const opener = await context.newPage();
  await opener.goto(`chrome-extension://${extensionId}/popup.html?tabId=0`);
  const [probe] = await Promise.all([
    context.waitForEvent('page'),
    opener.evaluate(() => chrome.windows.create({ url: 'about:blank', type: 'normal' })),
  ]);
  await opener.close();
  await probe.goto(`chrome-extension://${extensionId}/popup.html?tabId=0`);

  const tabIdOf = async (url: string) => {
    const id = await probe.evaluate(
      async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? -1,
      url,
    );
    if (id < 0) throw new Error(`no tab shows ${url}`);
    return id;
  };

  const ask = (tabId: number) =>
    probe.evaluate(
      (id) =>
        chrome.tabs.sendMessage(id, { type: 'talkmarks:capture' }).then(
          (answer: unknown) => ({ answer }),
          (e: Error) => ({ error: String(e?.message ?? e) }),
        ),
      tabId,
    );

  const clickAction = async (url: string) => {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === url);
    if (!tab) throw new Error(`no tab target for ${url}`);
    const known = new Set((await popupTargets(cdp, extensionId)).map((t) => t.targetId));
    const opened = new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('the toolbar click opened no popup')), 30_000);
      const seen = (e: { targetInfo: { targetId: string; type: string; url: string } }) => {
        const t = e.targetInfo;
        if (t.type !== 'page' || t.url !== `chrome-extension://${extensionId}/popup.html`) return;
        if (known.has(t.targetId)) return;
        clearTimeout(timer);
        cdp.off('Target.targetCreated', seen);
        cdp.off('Target.targetInfoChanged', seen);
        done(t.targetId);
      };
      cdp.on('Target.targetCreated', seen);
      cdp.on('Target.targetInfoChanged', seen);
    });
    await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
    return Popup.attach(cdp, await opened);
  };

  return {
    context,
    extensionId,
    probe,
    tabIdOf,
    ask,
    clickAction,
    async close() {
      await cdp.detach().catch(() => undefined);
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

async function popupTargets(cdp: CDPSession, extensionId: string) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.filter(
    (t) => t.type === 'page' && t.url === `chrome-extension://${extensionId}/popup.html`,
  );
}

/**
 * The real popup, driven through a (non-flattened) CDP session on its target: reads its DOM, and
 * clicks and types with input events, as a user does.
 */
export class Popup {
  private next = 0;
  private readonly waiting = new Map<
    number,
    (m: { result?: unknown; error?: { message: string } }) => void
  >();

  private constructor(
    private readonly cdp: CDPSession,
    readonly targetId: string,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== this.sessionId) return;
      const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (m.id === undefined) return;
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
  }

  static async attach(cdp: CDPSession, targetId: string): Promise<Popup> {
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
    return new Popup(cdp, targetId, sessionId);
  }

  private async send<T>(method: string, params: object): Promise<T> {
    const id = ++this.next;
    const reply = new Promise<{ result?: unknown; error?: { message: string } }>((done) =>
      this.waiting.set(id, done),
    );
    await this.cdp.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    const m = await reply;
    if (m.error) throw new Error(`${method}: ${m.error.message}`);
    return m.result as T;
  }

  /** Evaluates an expression in the popup and returns its (JSON) value. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send<{ result: { value: T }; exceptionDetails?: { text: string } }>(
      'Runtime.evaluate',
      { expression, returnByValue: true, awaitPromise: true },
    );
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.text);
    return r.result.value;
  }

  /** The text of the first element matching `selector` ('' when there is none yet). */
  text(selector: string): Promise<string> {
    return this.evaluate(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? ''`);
  }

  /** Clicks the middle of the first element matching `selector` (it must be there). */
  async click(selector: string): Promise<void> {
    const box = await this.evaluate<{ x: number; y: number } | null>(`(() => {
      const el = document.querySelector(${JSON.stringify(selector)});
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      const x = r.x + r.width / 2;
      const y = r.y + r.height / 2;
      const hit = document.elementFromPoint(x, y);
      return hit && (hit === el || el.contains(hit)) ? { x, y } : null;
    })()`);
    if (!box) throw new Error(`nothing matching ${selector} can be clicked in the popup`);
    const at = { x: box.x, y: box.y, button: 'left', clickCount: 1 };
    await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: box.x, y: box.y });
    await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at });
    await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at });
  }

  /** Types into the focused element, as a keyboard (IME commit) would. */
  async type(text: string): Promise<void> {
    await this.send('Input.insertText', { text });
  }

  async close(): Promise<void> {
    await this.cdp.send('Target.closeTarget', { targetId: this.targetId }).catch(() => undefined);
  }
}

/** Isolated worlds Chromium creates in a page for extension scripts, recorded from the page's first navigation. */
export async function watchWorlds(
  context: BrowserContext,
  page: Page,
): Promise<{ names: () => string[]; detach: () => Promise<void> }> {
  const cdp = await context.newCDPSession(page);
  const names: string[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => {
    const aux = e.context.auxData as { type?: string } | undefined;
    if (aux?.type === 'isolated') names.push(e.context.name);
  });
  await cdp.send('Runtime.enable');
  return { names: () => [...names], detach: () => cdp.detach().catch(() => undefined) };
}
