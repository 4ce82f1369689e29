/**
 * What a sync round reads and writes on this device: the extension's database, through
 * storage/sync-store.ts (each step one transaction) and the thumbnails' bytes as Blobs. No extension
 * API here, so the sync tests run rounds through this very object rather than a copy of it.
 */
import { readBlobBytes, syncStep } from '../storage/sync-store';
import { storedInput } from '../sync/device';
import type { DeviceState, SyncLocal } from '../sync/engine';

export const databaseSyncLocal: SyncLocal = {
  step: (decide, ask) =>
    syncStep<DeviceState, ReturnType<typeof decide>['result']>((input) => {
      if (!input.device) throw new Error('This browser is not connected to a sync folder.');
      return decide(storedInput(input, input.device));
    }, ask),
  // Thumbnails: their bytes are read and written as Blobs, hashed and sent outside the steps.
  blobs: {
    read: readBlobBytes,
    value: (bytes, mime) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }),
  },
};
