/**
 * The failure table of research/sync.md §6, transport rows, through a fault-injecting proxy in front
 * of real servers started here (Apache mod_dav, and rclone as the weak server). Each row checks that
 * the typed error surfaces (what the UI words), that nothing already on the server is lost or
 * overwritten (the server's disk before and after), and that the next try recovers by itself.
 */
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { appendLog, deleteOwnFiles, writeHead } from '../../../sync/remote/files';
import { fetchNew, scanRemote } from '../../../sync/remote/scan';
import {
  ClonedDeviceError,
  ForbiddenError,
  OfflineError,
  RateLimitedError,
  type RemoteStore,
  ServerError,
  ServerFullError,
  TimeoutError,
  UnauthorizedError,
  VaultChangedError,
  WrongPassphraseError,
} from '../../../sync/remote/store';
import {
  createOrJoinVault,
  createVault,
  newDeviceId,
  type OpenVault,
  openVault,
  probeRemote,
  resumeVault,
} from '../../../sync/remote/vault';
import { webDavStore } from '../../../sync/remote/webdav';
import { type DavServer, serverFor, startApacheDav, startRcloneDav } from '../../support/dav-servers';
import { diskTree, lostOrChanged } from '../../support/disk-tree';
import { type FaultProxy, startFaultProxy } from '../../support/fault-proxy';

const FAST = { iterations: 100_000 };
const PASS = 'hotel wifi is worse';
const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);
/** A batch big enough that a cut at 100 bytes is a real cut (sealed files are ≥ 292 bytes). */
const batch = (device: string, seq: number) => text(`${device}:${seq}:${'x'.repeat(400)}`);
const head = (seq: number, updatedAt = new Date().toISOString()) => ({
  format: 1,
  seq,
  label: 't',
  updatedAt,
});

for (const [serverName, start] of [
  ['Apache mod_dav', startApacheDav],
  ['rclone serve webdav', startRcloneDav],
] as const) {
  describe(`failure table through a fault proxy: ${serverName}`, () => {
    const dav = serverFor(start);
    let server: DavServer;
    let started: FaultProxy | undefined;
    let proxy: FaultProxy;
    beforeEach(async () => {
      // Every test fails here, with the reason, when the server could not start.
      server = dav();
      started ??= await startFaultProxy(server.url);
      proxy = started;
      proxy.clear();
      await proxy.online();
    });
    afterAll(async () => {
      await started?.stop();
    });

    /** A vault in a fresh folder with device A's batches 1 and 2, reached through the proxy. */
    async function world(timeoutMs = 5_000) {
      const folder = server.newFolder();
      const store = webDavStore({
        url: proxy.urlFor(folder.url),
        username: server.user,
        password: server.pass,
        timeoutMs,
      });
      const vault = await createVault(store, PASS, FAST);
      const devA = newDeviceId();
      for (const s of [1, 2]) await appendLog(vault, devA, s, batch(devA, s));
      await writeHead(vault, devA, head(2));
      const reader = { vault: resumeVault(store, vault.raw, vault.keyring), dev: newDeviceId() };
      return { dir: folder.dir, url: folder.url, store, vault, devA, reader, before: diskTree(folder.dir) };
    }

    /** What a reader gets from A, from the start. */
    async function readAll(vault: OpenVault, dev: string, cursor: Record<string, number> = {}) {
      const view = await scanRemote(vault, { deviceId: dev, lastOwnSeq: 0, cursor });
      return fetchNew(vault, view, { deviceId: dev, cursor });
    }

    it('offline (connection refused): OfflineError on every call, nothing changes; back online the same write succeeds once', async () => {
      const w = await world();
      await proxy.offline();
      const failed = await appendLog(w.vault, w.devA, 3, batch(w.devA, 3)).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(OfflineError);
      expect((failed as OfflineError).retryable).toBe(true);
      await expect(
        scanRemote(w.reader.vault, { deviceId: w.reader.dev, lastOwnSeq: 0, cursor: {} }),
      ).rejects.toBeInstanceOf(OfflineError);
      await expect(openVault(w.store, PASS)).rejects.toBeInstanceOf(OfflineError);
      expect(diskTree(w.dir)).toEqual(w.before);
      await proxy.online();
      expect(await appendLog(w.vault, w.devA, 3, batch(w.devA, 3))).toBe('written');
      const got = await readAll(w.reader.vault, w.reader.dev);
      expect(got.batches.map((b) => b.seq)).toEqual([1, 2, 3]);
      expect(lostOrChanged(w.before, diskTree(w.dir))).toEqual([]);
    });

    it('5xx: ServerError with its status (and Retry-After of a 503); nothing changes; the retry succeeds', async () => {
      const w = await world();
      proxy.add({ method: 'PUT', times: 1, action: { respond: 500 } });
      const e500 = await appendLog(w.vault, w.devA, 3, batch(w.devA, 3)).catch((e: unknown) => e);
      expect(e500).toBeInstanceOf(ServerError);
      expect((e500 as ServerError).status).toBe(500);
      proxy.add({
        method: 'PROPFIND',
        times: 1,
        action: { respond: 503, headers: { 'retry-after': '120' } },
      });
      const e503 = await scanRemote(w.reader.vault, {
        deviceId: w.reader.dev,
        lastOwnSeq: 0,
        cursor: {},
      }).catch((e: unknown) => e);
      expect(e503).toBeInstanceOf(ServerError);
      expect((e503 as ServerError).retryAfterSeconds).toBe(120);
      expect(diskTree(w.dir)).toEqual(w.before);
      expect(await appendLog(w.vault, w.devA, 3, batch(w.devA, 3))).toBe('written');
    });

    it('401 and 403: UnauthorizedError and ForbiddenError, not retryable; nothing changes', async () => {
      const w = await world();
      proxy.add({ times: 1, action: { respond: 401, headers: { 'www-authenticate': 'Basic realm="dav"' } } });
      const e401 = await appendLog(w.vault, w.devA, 3, batch(w.devA, 3)).catch((e: unknown) => e);
      expect(e401).toBeInstanceOf(UnauthorizedError);
      expect((e401 as UnauthorizedError).retryable).toBe(false);
      proxy.add({ method: 'MOVE', times: 1, action: { respond: 403 } });
      await expect(appendLog(w.vault, w.devA, 3, batch(w.devA, 3))).rejects.toBeInstanceOf(ForbiddenError);
      proxy.add({ method: 'GET', times: 1, action: { respond: 403 } });
      await expect(openVault(w.store, PASS)).rejects.toBeInstanceOf(ForbiddenError);
      expect(lostOrChanged(w.before, diskTree(w.dir))).toEqual([]);
      expect([...diskTree(w.dir).keys()].filter((p) => !w.before.has(p))).toEqual([]);
    });

    it('429: RateLimitedError with Retry-After in seconds (as a number or as an HTTP date)', async () => {
      const w = await world();
      proxy.add({ times: 1, action: { respond: 429, headers: { 'retry-after': '30' } } });
      const first = await appendLog(w.vault, w.devA, 3, batch(w.devA, 3)).catch((e: unknown) => e);
      expect(first).toBeInstanceOf(RateLimitedError);
      expect((first as RateLimitedError).retryAfterSeconds).toBe(30);
      const inNinety = new Date(Date.now() + 90_000).toUTCString();
      proxy.add({ times: 1, action: { respond: 429, headers: { 'retry-after': inNinety } } });
      const second = await scanRemote(w.reader.vault, {
        deviceId: w.reader.dev,
        lastOwnSeq: 0,
        cursor: {},
      }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(RateLimitedError);
      expect((second as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(85);
      expect((second as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(90);
      expect(diskTree(w.dir)).toEqual(w.before);
    });

    it('507 (server full) on upload or on the move: ServerFullError, no new file, nothing lost', async () => {
      const w = await world();
      proxy.add({ method: 'PUT', times: 1, action: { respond: 507 } });
      await expect(appendLog(w.vault, w.devA, 3, batch(w.devA, 3))).rejects.toBeInstanceOf(ServerFullError);
      proxy.add({ method: 'MOVE', times: 1, action: { respond: 507 } });
      await expect(appendLog(w.vault, w.devA, 3, batch(w.devA, 3))).rejects.toBeInstanceOf(ServerFullError);
      // The temporary upload of the second try was removed again.
      expect(diskTree(w.dir)).toEqual(w.before);
      expect(await appendLog(w.vault, w.devA, 3, batch(w.devA, 3))).toBe('written');
    });

    it('truncated upload (connection cut mid-PUT): no final file appears; the retry writes it whole', async () => {
      const w = await world();
      proxy.add({ method: 'PUT', path: '/log/000000000003.bin', times: 1, action: { cutRequestAfter: 100 } });
      await expect(appendLog(w.vault, w.devA, 3, batch(w.devA, 3))).rejects.toBeInstanceOf(OfflineError);
      const logDir = join(w.dir, 'talkmarks', w.vault.vaultId, 'devices', w.devA, 'log');
      expect(readdirSync(logDir).filter((n) => !n.includes('.tmp-'))).toEqual([
        '000000000001.bin',
        '000000000002.bin',
      ]);
      expect(lostOrChanged(w.before, diskTree(w.dir))).toEqual([]);
      expect(await appendLog(w.vault, w.devA, 3, batch(w.devA, 3))).toBe('written');
      const got = await readAll(w.reader.vault, w.reader.dev);
      expect(got.batches.map((b) => str(b.payload))).toEqual([1, 2, 3].map((s) => str(batch(w.devA, s))));
      // A temporary file the weak server kept is the owner's to remove, and only it.
      const own = await scanRemote(w.vault, { deviceId: w.devA, lastOwnSeq: 3, cursor: {} });
      const stray = own.devices.find((d) => d.deviceId === w.devA)?.stray ?? [];
      expect(stray.every((p) => p.includes('.tmp-'))).toBe(true);
      await deleteOwnFiles(w.vault, w.devA, stray);
      expect(readdirSync(logDir)).toEqual(['000000000001.bin', '000000000002.bin', '000000000003.bin']);
    });

    it('truncated download (connection cut mid-GET): that batch is pending, the cursor stops before it', async () => {
      const w = await world();
      proxy.add({ method: 'GET', path: '/log/000000000002.bin', times: 1, action: { cutResponseAfter: 50 } });
      const got = await readAll(w.reader.vault, w.reader.dev);
      expect(got.batches.map((b) => b.seq)).toEqual([1]);
      expect(got.pending.map((p) => [p.seq, p.error.kind])).toEqual([[2, 'corrupt']]);
      const again = await readAll(w.reader.vault, w.reader.dev, { [w.devA]: 1 });
      expect(again.batches.map((b) => b.seq)).toEqual([2]);
    });

    it('slow server: TimeoutError while the server did the move; the retry finds the same file, no duplicate', async () => {
      const w = await world(2_000);
      proxy.add({ method: 'MOVE', times: 1, action: { hold: true } });
      const slow = await appendLog(w.vault, w.devA, 3, batch(w.devA, 3)).catch((e: unknown) => e);
      expect(slow).toBeInstanceOf(TimeoutError);
      await proxy.held();
      proxy.release();
      expect(await appendLog(w.vault, w.devA, 3, batch(w.devA, 3))).toBe('already-there');
      const got = await readAll(w.reader.vault, w.reader.dev);
      expect(got.batches.map((b) => b.seq)).toEqual([1, 2, 3]);
      expect(lostOrChanged(w.before, diskTree(w.dir))).toEqual([]);
    });

    it('wrong passphrase: WrongPassphraseError after reading only; not one write reached the server', async () => {
      const w = await world();
      const from = proxy.log.length;
      await expect(openVault(w.store, 'hotel wifi is better')).rejects.toBeInstanceOf(WrongPassphraseError);
      await expect(createOrJoinVault(w.store, 'hotel wifi is better', FAST)).rejects.toBeInstanceOf(
        WrongPassphraseError,
      );
      const methods = new Set(proxy.log.slice(from).map((r) => r.method));
      expect([...methods].sort()).toEqual(['GET', 'PROPFIND']);
      expect(diskTree(w.dir)).toEqual(w.before);
    });

    it('two devices creating the vault at once: they end in one vault (with another passphrase, one is refused)', async () => {
      // The protocol: createOrJoinVault (it reads its vault.json back), then the first scan; a
      // vault.json replaced even later (two MOVEs in the same instant both succeed on Apache and
      // rclone) is VaultChangedError there, and that device, which has written nothing yet, joins.
      const settle = async (store: RemoteStore, passphrase: string, r: { vault: OpenVault }) => {
        try {
          await scanRemote(r.vault, { deviceId: newDeviceId(), lastOwnSeq: 0, cursor: {} });
          return r.vault;
        } catch (error) {
          if (!(error instanceof VaultChangedError)) throw error;
          return openVault(store, passphrase);
        }
      };
      const folder = server.newFolder();
      const mk = () =>
        webDavStore({ url: proxy.urlFor(folder.url), username: server.user, password: server.pass });
      const [sx, sy] = [mk(), mk()];
      const [x, y] = await Promise.all([
        createOrJoinVault(sx, PASS, FAST),
        createOrJoinVault(sy, PASS, FAST),
      ]);
      expect([x.created, y.created]).toContain(true);
      const [vx, vy] = [await settle(sx, PASS, x), await settle(sy, PASS, y)];
      expect(vx.vaultId).toBe(vy.vaultId);
      expect(vx.fingerprint).toBe(vy.fingerprint);
      const onServer = await probeRemote(sx);
      expect(onServer.state === 'vault' && onServer.file.vaultId).toBe(vx.vaultId);
      expect([...diskTree(folder.dir).keys()]).toEqual(['talkmarks/vault.json']);

      const other = server.newFolder();
      const mk2 = () =>
        webDavStore({ url: proxy.urlFor(other.url), username: server.user, password: server.pass });
      const passphrases = [PASS, 'a different passphrase'];
      const stores = [mk2(), mk2()];
      const outcome = await Promise.all(
        passphrases.map(async (p, i) => {
          try {
            return await settle(stores[i]!, p, await createOrJoinVault(stores[i]!, p, FAST));
          } catch (error) {
            return error;
          }
        }),
      );
      const joined = outcome.filter((o): o is OpenVault => !(o instanceof Error));
      const refused = outcome.filter((o) => o instanceof Error);
      expect(joined).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(WrongPassphraseError);
      const second = await probeRemote(stores[0]!);
      expect(second.state === 'vault' && second.file.vaultId).toBe(joined[0]?.vaultId);
      expect([...diskTree(other.dir).keys()]).toEqual(['talkmarks/vault.json']);
    });

    it('server rollback (an older copy restored): readers see it, the writer uploads what was lost, nothing else changes', async () => {
      const w = await world();
      const backup = join(tmpdir(), `talkmarks-backup-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      cpSync(w.dir, backup, { recursive: true, preserveTimestamps: true });
      for (const s of [3, 4]) await appendLog(w.vault, w.devA, s, batch(w.devA, s));
      await writeHead(w.vault, w.devA, head(4));
      const caughtUp = await readAll(w.reader.vault, w.reader.dev);
      expect(caughtUp.batches.map((b) => b.seq)).toEqual([1, 2, 3, 4]);
      // The server is restored from the backup taken after batch 2.
      for (const name of readdirSync(w.dir)) rmSync(join(w.dir, name), { recursive: true });
      cpSync(backup, w.dir, { recursive: true, preserveTimestamps: true });
      rmSync(backup, { recursive: true });
      server.own(w.dir);
      const restored = diskTree(w.dir);

      const byReader = await scanRemote(w.reader.vault, {
        deviceId: w.reader.dev,
        lastOwnSeq: 0,
        cursor: { [w.devA]: 4 },
      });
      expect(byReader.findings).toEqual([{ kind: 'rollback', deviceId: w.devA, knownSeq: 4, remoteSeq: 2 }]);
      const byWriter = await scanRemote(w.vault, { deviceId: w.devA, lastOwnSeq: 4, cursor: {} });
      expect(byWriter.findings).toEqual([{ kind: 'own-missing', seqs: [3, 4] }]);
      for (const s of [3, 4]) expect(await appendLog(w.vault, w.devA, s, batch(w.devA, s))).toBe('written');
      await writeHead(w.vault, w.devA, head(4));
      expect(
        (await scanRemote(w.reader.vault, { deviceId: w.reader.dev, lastOwnSeq: 0, cursor: { [w.devA]: 4 } }))
          .findings,
      ).toEqual([]);
      const after = diskTree(w.dir);
      expect(lostOrChanged(restored, after).filter((p) => !p.endsWith('head.bin'))).toEqual([]);
    });

    it('cloned device id (a copied profile): the second writer gets ClonedDeviceError; the first one’s file stays', async () => {
      const w = await world();
      const clone = resumeVault(w.store, w.vault.raw, w.vault.keyring);
      expect(await appendLog(w.vault, w.devA, 3, text('original device, batch 3'))).toBe('written');
      const mid = diskTree(w.dir);
      const error = await appendLog(clone, w.devA, 3, text('the copy, its own batch 3')).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ClonedDeviceError);
      expect(lostOrChanged(mid, diskTree(w.dir))).toEqual([]);
      expect((await scanRemote(clone, { deviceId: w.devA, lastOwnSeq: 2, cursor: {} })).findings).toEqual([
        { kind: 'cloned', deviceId: w.devA, remoteSeq: 3, lastOwnSeq: 2 },
      ]);
      // The copy takes a new id, writes its batch there, and reads the original's as another device's.
      const fresh = newDeviceId();
      expect(await appendLog(clone, fresh, 1, text('the copy, its own batch 3'))).toBe('written');
      const got = await readAll(clone, fresh, { [w.devA]: 2 });
      expect(got.batches.map((b) => str(b.payload))).toEqual(['original device, batch 3']);
    });

    it('clock skew ±24 h: heads carry the skewed time, batches are read by seq; nothing is dropped', async () => {
      const w = await world();
      const ahead = newDeviceId();
      const behind = newDeviceId();
      await appendLog(w.vault, ahead, 1, text('from a clock 24 h ahead'));
      await writeHead(w.vault, ahead, head(1, new Date(Date.now() + 86_400_000).toISOString()));
      await appendLog(w.vault, behind, 1, text('from a clock 24 h behind'));
      await writeHead(w.vault, behind, head(1, new Date(Date.now() - 86_400_000).toISOString()));
      const got = await readAll(w.reader.vault, w.reader.dev);
      expect(got.batches.map((b) => str(b.payload)).sort()).toEqual(
        [
          ...[1, 2].map((s) => str(batch(w.devA, s))),
          'from a clock 24 h ahead',
          'from a clock 24 h behind',
        ].sort(),
      );
      expect(lostOrChanged(w.before, diskTree(w.dir))).toEqual([]);
    });
  });
}
