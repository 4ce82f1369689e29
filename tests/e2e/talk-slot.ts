/**
 * The slot the day tests give their talk today, in Berlin (the event's zone): 14:00–14:45, unless
 * the test starts within 30 minutes of it — then 18:00–18:45. A starred talk running while the test
 * runs would take the notes the test files by hand ("Now" rule, storage/filing.ts) and be labelled
 * "running now": the tests failed when CI ran between 13:00 and 13:45 UTC.
 */
export interface TalkSlot {
  start: string;
  end: string;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

export function talkSlot(now = new Date()): TalkSlot {
  const [h, m] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(now)
    .split(':')
    .map(Number);
  const at = h! * 60 + m!;
  const usual: TalkSlot = { start: '14:00', end: '14:45' };
  // The test takes well under 30 minutes: the slot must not start or run within them.
  const clash = at + 30 > minutes(usual.start) && at < minutes(usual.end);
  return clash ? { start: '18:00', end: '18:45' } : usual;
}
