/**
 * The `RemoteStore` contract (sync/remote/store.ts), one suite every transport runs against a real
 * server: what a file looks like after each call, from the outside (listing, reading back), with the
 * expected values written here by hand.
 */
import { describe, expect, it } from 'vitest';
import { AlreadyExistsError, NotFoundError, type RemoteStore } from '../../sync/remote/store';

export interface ContractTarget {
  /** A store over a fresh, empty folder (or bucket prefix) of the server. */
  fresh(): Promise<RemoteStore>;
  /** Whether the server itself refuses a second create (WebDAV MOVE 412); s3rver does not. */
  atomicCreateOnce: boolean;
  /**
   * Whether a folder whose files are all two or more levels down is listed. Real S3 does (it derives
   * CommonPrefixes from every key); s3rver 3.7.1 does not: its filesystem store walks only one level
   * below the prefix, so `a/` is missing from the listing of '' when the only key is `a/b/c`.
   */
  listsDeepFolders: boolean;
}

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);

export function describeStoreContract(name: string, target: ContractTarget): void {
  describe(`RemoteStore contract: ${name}`, () => {
    it('lists a folder that does not exist as empty, and the fresh root as empty', async () => {
      const store = await target.fresh();
      expect(await store.list('')).toEqual([]);
      expect(await store.list('no/such/folder')).toEqual([]);
    });

    it('creates a file once, with its folders, and reads back the same bytes', async () => {
      const store = await target.fresh();
      const all = new Uint8Array(256).map((_, i) => i);
      await store.putImmutable('v/devices/dev1/log/000000000001.bin', all);
      expect(Array.from(await store.get('v/devices/dev1/log/000000000001.bin'))).toEqual(Array.from(all));
      const listed = await store.list('v/devices/dev1/log');
      expect(listed.map((e) => [e.path, e.name, e.dir, e.size])).toEqual([
        ['v/devices/dev1/log/000000000001.bin', '000000000001.bin', false, 256],
      ]);
      if (target.listsDeepFolders) {
        expect((await store.list('v/devices')).map((e) => [e.path, e.dir])).toEqual([
          ['v/devices/dev1', true],
        ]);
        expect((await store.list('')).map((e) => [e.name, e.dir])).toEqual([['v', true]]);
      }
      expect((await store.list('v/devices/dev1')).map((e) => [e.path, e.dir])).toEqual([
        ['v/devices/dev1/log', true],
      ]);
    });

    it('never replaces a create-once file: AlreadyExistsError, the first content stays, no temporary file left', async () => {
      const store = await target.fresh();
      await store.putImmutable('a/x.bin', text('first'));
      await expect(store.putImmutable('a/x.bin', text('second'))).rejects.toBeInstanceOf(AlreadyExistsError);
      expect(new TextDecoder().decode(await store.get('a/x.bin'))).toBe('first');
      expect((await store.list('a')).map((e) => e.name)).toEqual(['x.bin']);
    });

    it('replaces an owned file whole', async () => {
      const store = await target.fresh();
      await store.putOwned('d/head.bin', text('one'));
      await store.putOwned('d/head.bin', text('two, longer'));
      expect(new TextDecoder().decode(await store.get('d/head.bin'))).toBe('two, longer');
      expect((await store.list('d')).map((e) => [e.name, e.size])).toEqual([['head.bin', 11]]);
    });

    it('deletes idempotently; reading a deleted file is NotFoundError', async () => {
      const store = await target.fresh();
      await store.putImmutable('f/1.bin', bytes(1));
      await store.putImmutable('f/2.bin', bytes(2));
      await store.delete('f/1.bin');
      await store.delete('f/1.bin');
      await expect(store.get('f/1.bin')).rejects.toBeInstanceOf(NotFoundError);
      expect((await store.list('f')).map((e) => e.name)).toEqual(['2.bin']);
    });

    it('lists only the direct children, sorted by name', async () => {
      const store = await target.fresh();
      for (const path of ['l/b.bin', 'l/a.bin', 'l/c/deep.bin', 'l/000000000010.bin', 'l/000000000009.bin'])
        await store.putImmutable(path, bytes(0));
      expect((await store.list('l')).map((e) => `${e.name}${e.dir ? '/' : ''}`)).toEqual([
        '000000000009.bin',
        '000000000010.bin',
        'a.bin',
        'b.bin',
        'c/',
      ]);
    });

    it('round-trips a 1 MiB file', async () => {
      const store = await target.fresh();
      const big = new Uint8Array(1 << 20);
      for (let i = 0; i < big.length; i++) big[i] = (i * 7919) & 0xff;
      await store.putImmutable('big/blob.bin', big);
      const back = await store.get('big/blob.bin');
      expect(back.length).toBe(1 << 20);
      expect(back[12345]).toBe((12345 * 7919) & 0xff);
      expect(back[(1 << 20) - 1]).toBe((((1 << 20) - 1) * 7919) & 0xff);
    });

    if (target.atomicCreateOnce)
      it('writers racing to create the same file: never a mixed or partial file, every loser told so', async () => {
        // What a dumb server guarantees under a true race is weaker than one-winner: Apache and rclone
        // check "exists?" and rename in two steps, so two MOVEs in the same instant can both succeed,
        // the later replacing the earlier (seen here about once in 40 two-way races). What holds:
        // the file is one writer's whole content, at least one writer succeeded, every refused
        // writer got AlreadyExistsError, and no temporary file is left. The layout reads back where
        // it matters (vault.json) and otherwise never has two writers on one name.
        const store = await target.fresh();
        const who = ['A', 'B', 'C', 'D'];
        const results = await Promise.allSettled(
          who.map((w) => store.putImmutable('race/vault.json', text(w))),
        );
        const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [who[i]] : []));
        expect(won.length).toBeGreaterThanOrEqual(1);
        for (const r of results)
          if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(AlreadyExistsError);
        expect(won).toContain(new TextDecoder().decode(await store.get('race/vault.json')));
        expect((await store.list('race')).map((e) => e.name)).toEqual(['vault.json']);
      });
  });
}
