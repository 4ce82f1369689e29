/**
 * Two purges of one note, the later-stamped one made without an edit that the earlier one covers
 * (its device's clock is ahead): the tombstone may be collected only once every device has seen
 * the purge that covers everything. The three-device property test (engine-rounds.property.test.ts)
 * found it with seed 900288778: a device collected the note's state on acknowledgements of the
 * later purge alone, then an edit made elsewhere before that device had seen the covering purge
 * arrived and brought the note back everywhere else, but not there (it no longer held the note's
 * fields). Expectations are written by hand.
 */
import { expect, it } from 'vitest';
import { syncRound } from '../../../sync/engine';
import { bodyTags, plainNote, threeDevices } from './memory-device';

// As the property test: a snapshot every 2 own logs (where tombstones are collected); the rounds'
// "now" (2030) is after the devices' local writes (2027), so changes converted in a round are
// stamped later than those converted at their write time.
const options = { bodyTags, snapshotEvery: 2, now: () => 1_900_000_000_000 };

const note = plainNote;

it('an edit made before the covering purge was seen brings the note back on every device (seed 900288778, shrunk)', async () => {
  const {
    vault,
    devices: [d0, d1, d2],
  } = await threeDevices();
  d0.write('notes', note('N1', 'N1 starts'));
  d0.write('notes', note('N2', 'N2 starts'));
  for (const d of [d0, d1, d2]) await syncRound(d, vault, options);
  // Device 1 deletes N1 for good, having only its first body; device 0 rewrites the line and syncs.
  d1.remove('notes', 'N1');
  d0.write('notes', { ...d0.get('notes', 'N1')!, body: 'line 1 from device 0' });
  await syncRound(d0, vault, options);
  // Device 0 deletes N1 for good too, having its edit (this purge covers everything); it is
  // uploaded only later. Device 1's purge, uploaded now, is stamped later: it had not seen the edit,
  // so N1 comes back on device 1 and device 2.
  d0.remove('notes', 'N1');
  await syncRound(d1, vault, options);
  await syncRound(d2, vault, options);
  expect(d1.get('notes', 'N1')).toEqual(note('N1', 'line 1 from device 0'));
  expect(d2.get('notes', 'N1')).toEqual(note('N1', 'line 1 from device 0'));
  // Device 1 trashes it; device 2, which has not seen device 0's purge, adds a line.
  d1.write('notes', { ...d1.get('notes', 'N1')!, deletedAt: 5 });
  d2.write('notes', { ...d2.get('notes', 'N1')!, body: 'line 1 from device 0\nline 2 from device 2' });
  // Device 0 uploads its purge; device 1 applies it (N1 is gone: that purge covers all it has) and
  // must keep N1's state until device 2 has seen device 0's purge.
  for (let pass = 0; pass < 4; pass++) for (const d of [d0, d1, d2]) await syncRound(d, vault, options);
  // Device 2's line was not seen by either purge nor the trash: N1 is back, marked, everywhere.
  const want = new Map<string, Record<string, unknown>>([
    ['notes\u0000N1', { ...note('N1', 'line 1 from device 0\nline 2 from device 2'), restoredBySync: true }],
    ['notes\u0000N2', note('N2', 'N2 starts')],
  ]);
  for (const d of [d0, d1, d2]) {
    expect(d.records).toEqual(want);
    expect(d.queue).toEqual([]);
  }
});
