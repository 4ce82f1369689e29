/**
 * The vault layout (sync/remote/vault.ts, files.ts, scan.ts) on real servers started here: the files it writes (names
 * and opacity, checked on the server's disk), reading what is new per device, and what it detects —
 * an empty or unknown remote, a remote that went back in time, a cloned device, a gap, a truncated
 * file — with what the server holds checked before and after: nothing lost or overwritten.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendLog,
  deleteOwnFiles,
  getBlob,
  logPath,
  putBlob,
  readSnapshot,
  writeHead,
  writeSnapshot,
} from '../../../sync/remote/files';
import { s3Store } from '../../../sync/remote/s3';
import { collectableLogs, fetchNew, type RemoteView, scanRemote } from '../../../sync/remote/scan';
import {
  ClonedDeviceError,
  InvalidPathError,
  type RemoteStore,
  VaultChangedError,
  VaultExistsError,
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
  VAULT_PATH,
} from '../../../sync/remote/vault';
import { webDavStore } from '../../../sync/remote/webdav';
import { type DavServer, serverFor, startApacheDav, startRcloneDav } from '../../support/dav-servers';
import { diskTree, lostOrChanged } from '../../support/disk-tree';
import { startS3rver } from '../../support/s3rver';

const FAST = { iterations: 100_000 };
const PASS = 'conference wifi is slow';
const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

const head = (seq: number, extra: object = {}) => ({
  format: 1,
  seq,
  label: 'test device',
  updatedAt: new Date().toISOString(),
  ...extra,
});

/** Device A writes `n` batches "A1".."An" and its head. */
async function writeBatches(vault: OpenVault, device: string, from: number, to: number) {
  for (let s = from; s <= to; s++)
    expect(await appendLog(vault, device, s, text(`${device}:${s}`))).toBe('written');
  await writeHead(vault, device, head(to));
}

describe('the layout on each server: create, join, append, read what is new', () => {
  const apacheServer = serverFor(startApacheDav);
  const rcloneServer = serverFor(startRcloneDav);
  const s3Server = serverFor(startS3rver);
  const dav = (server: DavServer) =>
    webDavStore({ url: server.newFolder().url, username: server.user, password: server.pass });
  let n = 0;
  const stores: Array<[string, () => RemoteStore]> = [
    ['Apache', () => dav(apacheServer())],
    ['rclone', () => dav(rcloneServer())],
    [
      's3rver',
      () => {
        const s3 = s3Server();
        return s3Store({
          endpoint: s3.endpoint,
          region: s3.region,
          bucket: s3.bucket,
          accessKeyId: s3.accessKeyId,
          secretAccessKey: s3.secretAccessKey,
          prefix: `layout-${++n}`,
        });
      },
    ],
  ];

  for (const [name, make] of stores) {
    it(`${name}: two devices exchange batches through the vault`, async () => {
      const store = make();
      expect(await probeRemote(store)).toEqual({ state: 'empty' });
      const { vault: a, created } = await createOrJoinVault(store, PASS, FAST);
      expect(created).toBe(true);
      const probe = await probeRemote(store);
      expect(probe.state).toBe('vault');
      const b = await openVault(store, PASS);
      expect(b.vaultId).toBe(a.vaultId);
      expect(b.fingerprint).toBe(a.fingerprint);

      const devA = newDeviceId();
      const devB = newDeviceId();
      await writeBatches(a, devA, 1, 3);
      await writeBatches(b, devB, 1, 1);

      const viewB = await scanRemote(b, { deviceId: devB, lastOwnSeq: 1, cursor: {} });
      expect(viewB.findings).toEqual([]);
      expect(viewB.devices.map((d) => [d.deviceId, d.logs, d.head?.seq]).sort()).toEqual(
        [
          [devA, [1, 2, 3], 3],
          [devB, [1], 1],
        ].sort(),
      );
      const fresh = await fetchNew(b, viewB, { deviceId: devB, cursor: {} });
      expect(fresh.pending).toEqual([]);
      expect(fresh.batches.map((x) => [x.deviceId, x.seq, str(x.payload)])).toEqual([
        [devA, 1, `${devA}:1`],
        [devA, 2, `${devA}:2`],
        [devA, 3, `${devA}:3`],
      ]);
      const later = await fetchNew(b, viewB, { deviceId: devB, cursor: { [devA]: 2 } });
      expect(later.batches.map((x) => x.seq)).toEqual([3]);

      const viewA = await scanRemote(a, { deviceId: devA, lastOwnSeq: 3, cursor: {} });
      const forA = await fetchNew(a, viewA, { deviceId: devA, cursor: {} });
      expect(forA.batches.map((x) => [x.deviceId, str(x.payload)])).toEqual([[devB, `${devB}:1`]]);
    });
  }
});

describe('what the layout writes and detects (Apache)', () => {
  const apache = serverFor(startApacheDav);
  const folder = () => {
    const server = apache();
    const f = server.newFolder();
    return { ...f, store: webDavStore({ url: f.url, username: server.user, password: server.pass }) };
  };

  it('writes the documented names, and the server sees no plaintext', async () => {
    const { dir, store } = folder();
    const vault = await createVault(store, PASS, FAST);
    const dev = 'device0000000001';
    await appendLog(vault, dev, 1, text('SECRET TALK NOTE about rust'));
    await writeHead(vault, dev, head(1, { label: 'SECRET LABEL' }));
    await writeSnapshot(vault, dev, 1, { [dev]: 1 }, text('SECRET SNAPSHOT'));
    const contentHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    await putBlob(vault, contentHash, text('SECRET THUMB'));
    const files = [...diskTree(dir).keys()].sort();
    const v = vault.vaultId;
    // The blob is named by a keyed hash (64 hex digits), never by its content hash.
    const blobs = files.filter((f) => f.startsWith(`talkmarks/${v}/blobs/`));
    expect(blobs).toHaveLength(1);
    expect(blobs[0]).toMatch(new RegExp(`^talkmarks/${v}/blobs/[0-9a-f]{64}\\.bin$`));
    expect(blobs[0]).not.toContain(contentHash);
    expect(files).toEqual(
      [
        'talkmarks/vault.json',
        blobs[0],
        `talkmarks/${v}/devices/${dev}/head.bin`,
        `talkmarks/${v}/devices/${dev}/log/000000000001.bin`,
        `talkmarks/${v}/devices/${dev}/snap/000000000001.bin`,
      ].sort(),
    );
    for (const f of files.filter((f) => f.endsWith('.bin'))) {
      const bytes = readFileSync(join(dir, f));
      expect(bytes.subarray(0, 3).toString('latin1'), f).toBe('TMK');
      expect(bytes.toString('latin1'), f).not.toMatch(/SECRET|rust/);
    }
    const plain = JSON.parse(readFileSync(join(dir, 'talkmarks/vault.json'), 'utf8'));
    expect(plain).toMatchObject({ app: 'talkmarks', format: 1, minClientFormat: 1, vaultId: v });
    expect(plain.crypto.kdf).toMatchObject({ alg: 'PBKDF2-SHA256', iterations: 100_000 });
    expect(JSON.stringify(plain)).not.toContain(PASS);
  });

  it('probes: an unknown talkmarks/ folder is "unknown" (never emptied), a newer format is "newer"', async () => {
    const { dir, store } = folder();
    await store.putImmutable('talkmarks/notes-from-elsewhere.txt', text('keep me'));
    expect(await probeRemote(store)).toEqual({ state: 'unknown', found: ['notes-from-elsewhere.txt'] });
    const vault = await createVault(store, PASS, FAST);
    expect((await probeRemote(store)).state).toBe('vault');
    expect(readFileSync(join(dir, 'talkmarks/notes-from-elsewhere.txt'), 'utf8')).toBe('keep me');

    const newer = folder();
    const file = { ...vault.file, format: 2, minClientFormat: 2 };
    await newer.store.putImmutable(VAULT_PATH, text(JSON.stringify(file)));
    expect(await probeRemote(newer.store)).toEqual({ state: 'newer', format: 2 });
  });

  it('a second vault cannot be created over the first: VaultExistsError names it, nothing changes', async () => {
    const { dir, store } = folder();
    const first = await createVault(store, PASS, FAST);
    const before = diskTree(dir);
    const error = await createVault(store, 'another passphrase', FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultExistsError);
    expect((error as VaultExistsError).vaultId).toBe(first.vaultId);
    expect(diskTree(dir)).toEqual(before);
  });

  it('a wrong passphrase opens nothing and writes nothing; a pinned vault refuses a swapped one', async () => {
    const { dir, store } = folder();
    const vault = await createVault(store, PASS, FAST);
    const before = diskTree(dir);
    await expect(openVault(store, 'not the passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(createOrJoinVault(store, 'not the passphrase', FAST)).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    expect(diskTree(dir)).toEqual(before);
    await expect(openVault(store, PASS, { vaultId: 'someothervault00' })).rejects.toBeInstanceOf(
      VaultChangedError,
    );
    await expect(
      openVault(store, PASS, { vaultId: vault.vaultId, fingerprint: '0000-0000-0000-0000' }),
    ).rejects.toBeInstanceOf(VaultChangedError);
    expect(
      (await openVault(store, PASS, { vaultId: vault.vaultId, fingerprint: vault.fingerprint })).vaultId,
    ).toBe(vault.vaultId);
  });

  it('a retried append with the same batch is "already-there"; another batch at that seq is a cloned device', async () => {
    const { dir, store } = folder();
    const vault = await createVault(store, PASS, FAST);
    const dev = newDeviceId();
    expect(await appendLog(vault, dev, 1, text('batch one'))).toBe('written');
    expect(await appendLog(vault, dev, 1, text('batch one'))).toBe('already-there');
    const before = diskTree(dir);
    const error = await appendLog(vault, dev, 1, text('a different batch one')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClonedDeviceError);
    expect((error as ClonedDeviceError).seq).toBe(1);
    expect(lostOrChanged(before, diskTree(dir))).toEqual([]);
    const view = await scanRemote(vault, { deviceId: dev, lastOwnSeq: 0, cursor: {} });
    expect(view.findings).toEqual([{ kind: 'cloned', deviceId: dev, remoteSeq: 1, lastOwnSeq: 0 }]);
  });

  it('a server restored from an old backup: own lost logs are found and uploaded again; readers see the rollback', async () => {
    const { dir, store } = folder();
    const a = await createVault(store, PASS, FAST);
    const b = resumeVault(store, a.raw, a.keyring);
    const devA = newDeviceId();
    const devB = newDeviceId();
    await writeBatches(a, devA, 1, 4);
    // The server loses A's logs 3 and 4 (restored from a backup taken after log 2).
    unlinkSync(join(dir, logPath(a, devA, 3)));
    unlinkSync(join(dir, logPath(a, devA, 4)));
    const seenByB = await scanRemote(b, { deviceId: devB, lastOwnSeq: 0, cursor: { [devA]: 4 } });
    expect(seenByB.findings).toEqual([{ kind: 'rollback', deviceId: devA, knownSeq: 4, remoteSeq: 2 }]);
    const seenByA = await scanRemote(a, { deviceId: devA, lastOwnSeq: 4, cursor: {} });
    expect(seenByA.findings).toEqual([{ kind: 'own-missing', seqs: [3, 4] }]);
    // A uploads them again from what it kept (the same batches); everyone is whole again.
    for (const s of [3, 4]) expect(await appendLog(a, devA, s, text(`${devA}:${s}`))).toBe('written');
    expect((await scanRemote(a, { deviceId: devA, lastOwnSeq: 4, cursor: {} })).findings).toEqual([]);
    const again = await scanRemote(b, { deviceId: devB, lastOwnSeq: 0, cursor: { [devA]: 2 } });
    const fetched = await fetchNew(b, again, { deviceId: devB, cursor: { [devA]: 2 } });
    expect(fetched.batches.map((x) => str(x.payload))).toEqual([`${devA}:3`, `${devA}:4`]);
  });

  it('vault.json lost on the server is put back from the kept bytes; a different one is VaultChangedError', async () => {
    const { dir, store } = folder();
    const vault = await createVault(store, PASS, FAST);
    await writeBatches(vault, newDeviceId(), 1, 1);
    const original = readFileSync(join(dir, VAULT_PATH));
    unlinkSync(join(dir, VAULT_PATH));
    expect(await probeRemote(store)).toEqual({ state: 'unknown', found: [vault.vaultId] });
    const view = await scanRemote(vault, { deviceId: newDeviceId(), lastOwnSeq: 0, cursor: {} });
    expect(view.findings).toEqual([{ kind: 'vault-restored' }]);
    expect(readFileSync(join(dir, VAULT_PATH)).equals(original)).toBe(true);

    const other = folder();
    const otherVault = await createVault(other.store, PASS, FAST);
    writeFileSync(join(dir, VAULT_PATH), readFileSync(join(other.dir, VAULT_PATH)));
    const error = await scanRemote(vault, { deviceId: newDeviceId(), lastOwnSeq: 0, cursor: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VaultChangedError);
    expect((error as VaultChangedError).found.vaultId).toBe(otherVault.vaultId);
  });

  it('a truncated log file (a weak server keeps cut uploads) stops the reader there until it is whole', async () => {
    const { dir, store } = folder();
    const a = await createVault(store, PASS, FAST);
    const devA = newDeviceId();
    const devB = newDeviceId();
    await writeBatches(a, devA, 1, 3);
    const path = join(dir, logPath(a, devA, 2));
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, 100));
    const view = await scanRemote(a, { deviceId: devB, lastOwnSeq: 0, cursor: {} });
    const first = await fetchNew(a, view, { deviceId: devB, cursor: {} });
    expect(first.batches.map((x) => x.seq)).toEqual([1]);
    expect(first.pending.map((p) => [p.deviceId, p.seq, p.error.kind])).toEqual([[devA, 2, 'corrupt']]);
    writeFileSync(path, whole);
    const second = await fetchNew(a, view, { deviceId: devB, cursor: { [devA]: 1 } });
    expect(second.batches.map((x) => x.seq)).toEqual([2, 3]);
    expect(second.pending).toEqual([]);
  });

  it('collected logs leave a gap that points to the snapshot to start from', async () => {
    const { dir, store } = folder();
    const a = await createVault(store, PASS, FAST);
    const devA = newDeviceId();
    const devB = newDeviceId();
    await writeBatches(a, devA, 1, 5);
    expect(await writeSnapshot(a, devA, 3, { [devA]: 3, [devB]: 0 }, text('state through 3'))).toBe(
      'written',
    );
    await deleteOwnFiles(
      a,
      devA,
      [1, 2, 3].map((s) => logPath(a, devA, s)),
    );
    const view = await scanRemote(a, { deviceId: devB, lastOwnSeq: 0, cursor: {} });
    expect(view.findings).toEqual([{ kind: 'gap', deviceId: devA, cursor: 0, firstLog: 4, snapshot: 3 }]);
    expect((await fetchNew(a, view, { deviceId: devB, cursor: {} })).batches).toEqual([]);
    const snap = await readSnapshot(a, devA, 3);
    expect(snap.covers).toEqual({ [devA]: 3, [devB]: 0 });
    expect(str(snap.state)).toBe('state through 3');
    const after = await fetchNew(a, view, { deviceId: devB, cursor: { [devA]: 3 } });
    expect(after.batches.map((x) => x.seq)).toEqual([4, 5]);
    // A's own view: those seqs were collected on purpose, not lost.
    expect(
      (await scanRemote(a, { deviceId: devA, lastOwnSeq: 5, collectedThrough: 3, cursor: {} })).findings,
    ).toEqual([]);
    expect(diskTree(dir).size).toBeGreaterThan(0);
  });

  it('deletes only its own files', async () => {
    const { store } = folder();
    const a = await createVault(store, PASS, FAST);
    const mine = newDeviceId();
    const theirs = newDeviceId();
    await writeBatches(a, theirs, 1, 1);
    await expect(deleteOwnFiles(a, mine, [logPath(a, theirs, 1)])).rejects.toBeInstanceOf(InvalidPathError);
    expect((await scanRemote(a, { deviceId: mine, lastOwnSeq: 0, cursor: {} })).devices[0]?.logs).toEqual([
      1,
    ]);
  });

  it('blobs are create-once by content id', async () => {
    const { store } = folder();
    const a = await createVault(store, PASS, FAST);
    expect(await putBlob(a, 'sha256-abcdef0123', text('thumb'))).toBe('written');
    expect(await putBlob(a, 'sha256-abcdef0123', text('thumb'))).toBe('already-there');
    expect(str(await getBlob(a, 'sha256-abcdef0123'))).toBe('thumb');
  });
});

describe('collectableLogs (views written by hand)', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const view = (others: Array<Partial<RemoteView['devices'][number]>>): RemoteView => ({
    findings: [],
    devices: [
      { deviceId: 'me', logs: [1, 2, 3, 4, 5, 6], snapshots: [5], stray: [] },
      ...others.map((o, i) => ({ deviceId: `other${i}`, logs: [], snapshots: [], stray: [], ...o })),
    ],
  });
  const at = (iso: string, seen: number, extra = {}) => ({
    format: 1,
    seq: 1,
    label: 'x',
    updatedAt: iso,
    seen: { me: seen },
    ...extra,
  });

  it('keeps what an active device has not acknowledged, and what no snapshot of ours covers', () => {
    expect(collectableLogs(view([{ head: at('2026-11-25T11:00:00Z', 3) }]), 'me', { now })).toEqual([
      1, 2, 3,
    ]);
    expect(collectableLogs(view([{ head: at('2026-11-25T11:00:00Z', 9) }]), 'me', { now })).toEqual([
      1, 2, 3, 4, 5,
    ]);
    // A device with no head yet has acknowledged nothing.
    expect(collectableLogs(view([{}]), 'me', { now })).toEqual([]);
  });

  it('does not wait for retired devices or devices silent for more than 90 days; a clock off by ±24 h still counts', () => {
    expect(
      collectableLogs(view([{ head: at('2026-11-25T11:00:00Z', 0, { retired: true }) }]), 'me', { now }),
    ).toEqual([1, 2, 3, 4, 5]);
    expect(collectableLogs(view([{ head: at('2026-08-01T00:00:00Z', 0) }]), 'me', { now })).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(collectableLogs(view([{ head: at('2026-11-26T12:00:00Z', 2) }]), 'me', { now })).toEqual([1, 2]);
    expect(collectableLogs(view([{ head: at('2026-11-24T12:00:00Z', 2) }]), 'me', { now })).toEqual([1, 2]);
  });
});
