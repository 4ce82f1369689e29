/**
 * A remote store in memory, with the contract's semantics (sync/remote/store.ts): create-once files
 * refuse an existing path, owned files are replaced whole, a missing folder lists as empty. For
 * tests that run many sync rounds where a real server would cost seconds per case (the real
 * transports are tested against Apache, rclone and s3rver).
 */
import {
  AlreadyExistsError,
  NotFoundError,
  type RemoteEntry,
  type RemoteStore,
} from '../../sync/remote/store';

export function memoryStore(files: Map<string, Uint8Array> = new Map()): RemoteStore & {
  files: Map<string, Uint8Array>;
} {
  const list = async (dir: string): Promise<RemoteEntry[]> => {
    const prefix = dir ? `${dir.replace(/\/$/, '')}/` : '';
    const seen = new Map<string, RemoteEntry>();
    for (const [path, bytes] of files) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const [name, ...deeper] = rest.split('/');
      if (!name) continue;
      if (deeper.length) seen.set(name, { path: `${prefix}${name}`, name, dir: true, size: 0 });
      else seen.set(name, { path, name, dir: false, size: bytes.length });
    }
    return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  };
  return {
    kind: 'memory',
    files,
    check: async () => undefined,
    list,
    get: async (path) => {
      const bytes = files.get(path);
      if (!bytes) throw new NotFoundError(`${path} is not there`, { status: 404 });
      return bytes.slice();
    },
    putImmutable: async (path, bytes) => {
      if (files.has(path)) throw new AlreadyExistsError(`${path} exists`, { status: 412 });
      files.set(path, bytes.slice());
    },
    putOwned: async (path, bytes) => {
      files.set(path, bytes.slice());
    },
    delete: async (path) => {
      files.delete(path);
    },
  };
}
