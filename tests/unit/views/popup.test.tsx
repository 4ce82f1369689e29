// @vitest-environment jsdom
/**
 * The popup in its states — no page it may read, reading, a page with its note count, saving —
 * with the boundaries replaced: the tab query, the messages to the background, the site permission
 * and the side panel opener.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageCapture } from '../../../capture/types';
import { Popup } from '../../../components/capture/Popup';

const mocks = vi.hoisted(() => ({
  targetTab: vi.fn(),
  sendMessage: vi.fn(),
  openPanel: vi.fn(),
}));
vi.mock('../../../platform/tabs', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../platform/tabs')>()),
  targetTab: mocks.targetTab,
}));
vi.mock('../../../messaging/protocol', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../messaging/protocol')>()),
  sendMessage: mocks.sendMessage,
}));
vi.mock('../../../platform/panel', () => ({ openPanel: mocks.openPanel }));
vi.mock('../../../platform/site-access', () => ({
  originPattern: () => null,
  isKnownHost: () => true,
  siteEnabled: async () => false,
  enableSite: async () => false,
  disableSite: async () => undefined,
}));

const TAB = { id: 7, windowId: 1, url: 'https://example.org/deck#/3', title: 'Deck' };
const CAPTURE: PageCapture = {
  url: 'https://example.org/deck',
  title: 'Deck',
  kind: 'slides',
  platform: 'reveal',
  slide: { index: 2, label: '3', title: 'Why replicate?' },
  deck: { title: 'GlusterFS roadmap', url: 'https://example.org/deck', slideCount: 24 },
};

/** The background's answers, by message type. */
function background(answers: Record<string, (data: unknown) => unknown>) {
  mocks.sendMessage.mockImplementation(async (type: string, data: unknown) => {
    const answer = answers[type];
    if (!answer) throw new Error(`unexpected message ${type}`);
    return answer(data);
  });
}

const CANNOT = 'Talkmarks can’t take notes on this page (browser pages and the web store are off limits).';

beforeEach(() => {
  for (const m of Object.values(mocks)) m.mockReset();
  mocks.targetTab.mockResolvedValue(TAB);
});
afterEach(cleanup);

describe('popup', () => {
  it('says it cannot take notes when there is no tab it may read', async () => {
    mocks.targetTab.mockResolvedValue(null);
    background({ knownTags: () => [] });
    render(<Popup />);
    expect(await screen.findByText(CANNOT)).toBeInstanceOf(HTMLElement);
    expect(screen.queryByRole('combobox', { name: 'Note' })).toBeNull();
  });

  it('says it cannot take notes when the page gives no capture', async () => {
    background({ knownTags: () => [], captureTab: () => null });
    render(<Popup />);
    expect(await screen.findByText(CANNOT)).toBeInstanceOf(HTMLElement);
  });

  it('shows "Reading the page…" and the note box while the capture is on its way', async () => {
    background({ knownTags: () => [], captureTab: () => new Promise(() => undefined) });
    render(<Popup />);
    expect(await screen.findByText('Reading the page…')).toBeInstanceOf(HTMLElement);
    expect(screen.getByRole('combobox', { name: 'Note' })).toBeInstanceOf(HTMLTextAreaElement);
    expect(screen.getByTestId('page-note-count').textContent?.trim()).toBe('');
  });

  it('shows the deck, the slide and how many notes the page has', async () => {
    background({ knownTags: () => [], captureTab: () => CAPTURE, countNotes: () => 3 });
    render(<Popup />);
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('GlusterFS roadmap');
    expect(screen.getByTestId('current-slide').textContent).toBe('Slide 3 of 24 — Why replicate?');
    await waitFor(() =>
      expect(screen.getByTestId('page-note-count').textContent).toBe('3 notes on this page'),
    );
    expect(mocks.sendMessage).toHaveBeenCalledWith('captureTab', { tabId: 7 });
    expect(mocks.sendMessage).toHaveBeenCalledWith('countNotes', { url: 'https://example.org/deck' });
  });

  it('words the count for none and for one', async () => {
    background({ knownTags: () => [], captureTab: () => CAPTURE, countNotes: () => 0 });
    render(<Popup />);
    await waitFor(() =>
      expect(screen.getByTestId('page-note-count').textContent).toBe('No notes on this page yet'),
    );
    cleanup();
    background({ knownTags: () => [], captureTab: () => CAPTURE, countNotes: () => 1 });
    render(<Popup />);
    await waitFor(() =>
      expect(screen.getByTestId('page-note-count').textContent).toBe('1 note on this page'),
    );
  });

  it('saves a note through the background, says so and counts it', async () => {
    let count = 2;
    background({
      knownTags: () => ['glusterfs'],
      captureTab: () => CAPTURE,
      countNotes: () => count,
      saveNote: () => {
        count++;
        return { ok: true, id: 'N1' };
      },
    });
    render(<Popup />);
    await waitFor(() =>
      expect(screen.getByTestId('page-note-count').textContent).toBe('2 notes on this page'),
    );
    const box = screen.getByRole('combobox', { name: 'Note' });
    fireEvent.input(box, { target: { value: 'Self-heal is granular now #glusterfs' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    expect((await screen.findByRole('status')).textContent).toContain('Note saved');
    await waitFor(() =>
      expect(screen.getByTestId('page-note-count').textContent).toBe('3 notes on this page'),
    );
    expect(mocks.sendMessage).toHaveBeenCalledWith('saveNote', {
      body: 'Self-heal is granular now #glusterfs',
      capture: CAPTURE,
      tabId: 7,
    });
  });

  it('counts a note typed and saved while the page was still being read', async () => {
    // The CI run that found this: the save finished inside the render that had no URL yet, so the
    // count stayed "No notes on this page yet" after the note was saved.
    let deliver: (c: PageCapture) => void = () => undefined;
    let count = 0;
    background({
      knownTags: () => [],
      captureTab: () => new Promise<PageCapture>((resolve) => (deliver = resolve)),
      countNotes: () => count,
      saveNote: () => {
        count++;
        return { ok: true, id: 'N1' };
      },
    });
    render(<Popup />);
    await waitFor(() => expect(mocks.sendMessage).toHaveBeenCalledWith('captureTab', { tabId: 7 }));
    expect(screen.getByText('Reading the page…')).toBeInstanceOf(HTMLElement);
    fireEvent.input(screen.getByRole('combobox', { name: 'Note' }), { target: { value: 'Early #note' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    deliver(CAPTURE);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Note saved'));
    await waitFor(() =>
      expect(screen.getByTestId('page-note-count').textContent).toBe('1 note on this page'),
    );
  });

  it('keeps the newest count when an older answer arrives late', async () => {
    const answers: ((n: number) => void)[] = [];
    background({
      knownTags: () => [],
      captureTab: () => CAPTURE,
      countNotes: () => new Promise<number>((resolve) => answers.push(resolve)),
      saveNote: () => ({ ok: true, id: 'N1' }),
    });
    render(<Popup />);
    await waitFor(() => expect(answers).toHaveLength(1));
    fireEvent.input(screen.getByRole('combobox', { name: 'Note' }), { target: { value: 'A note' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!(1);
    answers[0]!(0);
    await waitFor(() =>
      expect(screen.getByTestId('page-note-count').textContent).toBe('1 note on this page'),
    );
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getByTestId('page-note-count').textContent).toBe('1 note on this page');
  });

  it('says where the note will go before saving, stars that talk, and files it elsewhere when asked', async () => {
    const SESSION: PageCapture = {
      url: 'https://sched.example/event/ABC/scaling',
      title: 'Scaling the scheduler',
      kind: 'session',
      platform: 'sched',
      talk: { title: 'Scaling the scheduler', speakers: [] },
    };
    let starred = false;
    const saves: unknown[] = [];
    background({
      knownTags: () => [],
      captureTab: () => SESSION,
      countNotes: () => 0,
      noteDestination: () => ({
        talk: { id: 'T1', title: 'Scaling the scheduler', via: 'page', starred, notes: 3 },
        choices: [
          { id: 'T1', title: 'Scaling the scheduler' },
          { id: 'T2', title: 'Keynote' },
        ],
      }),
      starTalk: (data) => {
        expect(data).toEqual({ capture: SESSION, talkId: 'T1', starred: true });
        starred = true;
        return { ok: true };
      },
      saveNote: (data) => {
        saves.push(data);
        return { ok: true, id: 'N1', filedUnder: { talkId: 'T2', title: 'Keynote', via: 'chosen' } };
      },
    });
    render(<Popup />);
    const select = (await screen.findByRole('combobox', { name: 'Goes to' })) as HTMLSelectElement;
    await waitFor(() =>
      expect(select.selectedOptions[0]?.textContent).toBe('Scaling the scheduler (this page’s talk)'),
    );
    expect(screen.getByTestId('note-destination').textContent).toContain('3 notes on this talk');

    fireEvent.click(screen.getByRole('button', { name: 'Star' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Starred' }).getAttribute('aria-pressed')).toBe('true'),
    );

    const box = screen.getByRole('combobox', { name: 'Note' });
    fireEvent.input(box, { target: { value: '? Why not etcd' } });
    expect(screen.getByTestId('note-destination').querySelector('[data-kind]')?.textContent).toBe(
      '? as a question',
    );

    fireEvent.change(select, { target: { value: 'talk:T2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Saved under “Keynote”'));
    expect(saves).toEqual([{ body: '? Why not etcd', capture: SESSION, tabId: 7, to: { talkId: 'T2' } }]);
  });

  it('shows why a note was not saved, next to the note box', async () => {
    background({
      knownTags: () => [],
      captureTab: () => CAPTURE,
      countNotes: () => 0,
      saveNote: () => ({ ok: false, error: 'The database is full: free some space.' }),
    });
    render(<Popup />);
    await screen.findByRole('heading', { level: 1 });
    fireEvent.input(screen.getByRole('combobox', { name: 'Note' }), { target: { value: 'A note' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The database is full: free some space.');
  });

  it('says so when the side panel cannot be opened', async () => {
    background({ knownTags: () => [], captureTab: () => CAPTURE, countNotes: () => 0 });
    mocks.openPanel.mockRejectedValue(new Error('no panel'));
    render(<Popup />);
    fireEvent.click(await screen.findByRole('button', { name: 'Open side panel' }));
    expect((await screen.findByRole('status')).textContent).toContain(
      'The side panel could not be opened here.',
    );
    expect(mocks.openPanel).toHaveBeenCalledWith(7, 1);
  });
});
