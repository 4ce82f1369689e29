/**
 * Real WebDAV servers for tests, started on 127.0.0.1 on a free port, each in its own temporary
 * folder, stopped by the test: Debian's Apache `mod_dav` (the reference server) and `rclone serve
 * webdav` (the weak one: it ignores conditional PUT and keeps truncated uploads). Commands and config
 * are those checked in research/sync.md §6. A missing server FAILS the test with what to install.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

export interface DavServer {
  /** `apache` or `rclone`. */
  name: string;
  /** Server root URL, with a trailing slash. */
  url: string;
  user: string;
  pass: string;
  /** The folder on disk that the server serves. */
  dataDir: string;
  /** A new empty folder on the server for one test: its URL and its folder on disk. */
  newFolder(): { url: string; dir: string };
  /** Gives files put on the server's disk by the test (a restored backup) to the server's user. */
  own(path: string): void;
  /** What the server logged (Apache's access and error logs), for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

const USER = 'alice';
const PASS = 's3cret';
const MODULES = '/usr/lib/apache2/modules';

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function which(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(':').concat('/usr/sbin')) {
    if (existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

/** Resolves when `port` accepts a connection; rejects when `child` exits first or after `ms`. */
async function waitForPort(port: number, child: ChildProcess, ms: number, logs: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  for (;;) {
    if (exited !== undefined)
      throw new Error(`the server exited (code ${exited}) before listening:\n${logs()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline)
      throw new Error(`the server did not listen on ${port} within ${ms} ms:\n${logs()}`);
    // Poll again once the event loop has turned: the condition is the port, not a time.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** uid/gid of `www-data` (Apache, started as root, serves as that user). */
function wwwData(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'www-data']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'www-data']).toString().trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

function makeFolderFactory(base: string, dataDir: string, owner?: { uid: number; gid: number }) {
  let n = 0;
  return () => {
    n += 1;
    const name = `t${n}-${Math.random().toString(36).slice(2, 8)}`;
    const dir = join(dataDir, name);
    mkdirSync(dir);
    if (owner) chownSync(dir, owner.uid, owner.gid);
    return { url: `${base}${name}/`, dir };
  };
}

/** Starts Apache with mod_dav on a free port. Fails with "install apache2" when it is missing. */
export function startApacheDav(options: { binary?: string } = {}): Promise<DavServer> {
  return retried(() => startApacheOnce(options));
}

/**
 * A free port can be taken by another process between `freePort` and the server's bind: a server
 * that exits before listening is started again on a new port (three tries). A missing server is not.
 */
async function retried<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= 3 || /^install /.test(error instanceof Error ? error.message : '')) throw error;
    }
  }
}

async function startApacheOnce(options: { binary?: string }): Promise<DavServer> {
  const apache = options.binary ?? which('apache2');
  if (!apache || !existsSync(apache) || !existsSync(join(MODULES, 'mod_dav_fs.so')))
    throw new Error(
      'install apache2: the WebDAV tests need a real Apache mod_dav server (apt-get install -y apache2; .ci/run does)',
    );
  const t = mkdtempSync(join(tmpdir(), 'talkmarks-apache-'));
  chmodSync(t, 0o755);
  const root = join(t, 'root');
  const lock = join(t, 'lock');
  mkdirSync(root);
  mkdirSync(lock);
  const owner = wwwData();
  if (owner) {
    chownSync(root, owner.uid, owner.gid);
    chownSync(lock, owner.uid, owner.gid);
  }
  const htpasswd = join(t, 'htpasswd');
  const hash = which('htpasswd')
    ? execFileSync('htpasswd', ['-nbB', USER, PASS]).toString().trim()
    : `${USER}:${execFileSync('openssl', ['passwd', '-apr1', PASS]).toString().trim()}`;
  writeFileSync(htpasswd, `${hash}\n`);
  chmodSync(htpasswd, 0o644);
  const port = await freePort();
  const modules = [
    ['mpm_event_module', 'mod_mpm_event.so'],
    ['authn_core_module', 'mod_authn_core.so'],
    ['authn_file_module', 'mod_authn_file.so'],
    ['authz_core_module', 'mod_authz_core.so'],
    ['authz_user_module', 'mod_authz_user.so'],
    ['auth_basic_module', 'mod_auth_basic.so'],
    ['dav_module', 'mod_dav.so'],
    ['dav_fs_module', 'mod_dav_fs.so'],
  ];
  const config = [
    `Listen 127.0.0.1:${port}`,
    `PidFile ${t}/httpd.pid`,
    `ErrorLog ${t}/error.log`,
    `Mutex file:${lock} default`,
    ...modules.map(([name, file]) => `LoadModule ${name} ${MODULES}/${file}`),
    ...(owner ? ['User www-data', 'Group www-data'] : []),
    'ServerName localhost',
    'StartServers 1',
    'ServerLimit 2',
    'ThreadsPerChild 16',
    'MaxRequestWorkers 32',
    `DocumentRoot ${root}`,
    `DavLockDB ${lock}/DavLock`,
    `<Directory ${root}>`,
    '  Dav On',
    '  AuthType Basic',
    '  AuthName dav',
    `  AuthUserFile ${htpasswd}`,
    '  Require valid-user',
    '</Directory>',
    'LogFormat "%m %U %>s" dav',
    `CustomLog ${t}/access.log dav`,
    '',
  ].join('\n');
  writeFileSync(join(t, 'httpd.conf'), config);
  const child = spawn(apache, ['-f', join(t, 'httpd.conf'), '-DFOREGROUND'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const logs = () => {
    const read = (f: string) => (existsSync(join(t, f)) ? readFileSync(join(t, f), 'utf8') : '');
    return `${stderr}${read('error.log')}${read('access.log')}`;
  };
  try {
    await waitForPort(port, child, 20_000, logs);
  } catch (error) {
    await stopChild(child);
    rmSync(t, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${port}/`;
  return {
    name: 'apache',
    url,
    user: USER,
    pass: PASS,
    dataDir: root,
    newFolder: makeFolderFactory(url, root, owner),
    own(path: string) {
      if (owner) execFileSync('chown', ['-R', `${owner.uid}:${owner.gid}`, path]);
    },
    logs,
    async stop() {
      await stopChild(child);
      rmSync(t, { recursive: true, force: true });
    },
  };
}

/** Starts `rclone serve webdav` on a free port. Fails with "install rclone" when it is missing. */
export function startRcloneDav(): Promise<DavServer> {
  return retried(startRcloneOnce);
}

async function startRcloneOnce(): Promise<DavServer> {
  const rclone = which('rclone');
  if (!rclone)
    throw new Error(
      'install rclone: the weak-server WebDAV tests need `rclone serve webdav` (apt-get install -y rclone; .ci/run does)',
    );
  const t = mkdtempSync(join(tmpdir(), 'talkmarks-rclone-'));
  const root = join(t, 'root');
  mkdirSync(root);
  writeFileSync(join(t, 'rclone.conf'), '');
  const port = await freePort();
  const child = spawn(
    rclone,
    [
      'serve',
      'webdav',
      root,
      '--addr',
      `127.0.0.1:${port}`,
      '--user',
      USER,
      '--pass',
      PASS,
      '--etag-hash',
      'MD5',
      // Tests also change the served folder on disk (a new folder per test, a server "restored from
      // backup"): rclone must not answer from a cached listing.
      '--dir-cache-time',
      '0s',
      '--config',
      join(t, 'rclone.conf'),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  try {
    await waitForPort(port, child, 20_000, () => stderr);
  } catch (error) {
    await stopChild(child);
    rmSync(t, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${port}/`;
  return {
    name: 'rclone',
    url,
    user: USER,
    pass: PASS,
    dataDir: root,
    newFolder: makeFolderFactory(url, root),
    own() {},
    logs: () => stderr,
    async stop() {
      await stopChild(child);
      rmSync(t, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a server before the suite's tests and stops it after; returns a getter each test calls. If
 * the server cannot start (not installed), EVERY test that needs it fails with that reason — a test
 * is never skipped for a missing server.
 */
export function serverFor<T extends { stop(): Promise<void> }>(start: () => Promise<T>): () => T {
  let value: T | undefined;
  let failure: unknown;
  beforeAll(async () => {
    try {
      value = await start();
    } catch (error) {
      failure = error;
    }
  });
  afterAll(async () => {
    await value?.stop();
  });
  return () => {
    if (failure !== undefined) throw failure;
    if (!value) throw new Error('the server is not started (used outside a test?)');
    return value;
  };
}
