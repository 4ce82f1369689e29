// @vitest-environment jsdom
/**
 * The options page's sections: the shortcuts as the browser has them, the sites the user enabled
 * (each can be turned off), the storage used in words. Browser APIs are stubbed per test with the
 * values a browser gives; the expected words are written by hand.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { BackupPanel } from '../../../components/backup/BackupPanel';
import { formatBytes } from '../../../components/options/format-bytes';
import { ShortcutsSection } from '../../../components/options/ShortcutsSection';
import { SitesSection } from '../../../components/options/SitesSection';
import { StorageSection } from '../../../components/options/StorageSection';
import { getDb } from '../../../storage/db';
import type { NoteRecord } from '../../../storage/types';

const downloads = vi.hoisted(() => [] as string[]);
vi.mock('../../../components/recap/RecapActions', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../components/recap/RecapActions')>()),
  downloadFile: (name: string) => downloads.push(name),
}));

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('formatBytes', () => {
  it('says a size in words', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3.2 * 1024 * 1024)).toBe('3.2 MB');
    expect(formatBytes(45 * 1024 * 1024 + 300_000)).toBe('45 MB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
    expect(formatBytes(Number.NaN)).toBe('an unknown amount');
  });
});

describe('keyboard shortcuts section', () => {
  const commands = browser.commands as unknown as Record<string, unknown>;
  beforeEach(() => {
    commands.getAll = vi.fn(async () => [
      { name: '_execute_action', description: '', shortcut: 'Alt+Shift+N' },
      { name: 'open-side-panel', description: 'Open the Talkmarks side panel', shortcut: '' },
      { name: 'quote-selection', description: 'Quote in Talkmarks', shortcut: 'Alt+Shift+Q' },
    ]);
    delete commands.openShortcutSettings;
  });

  it('lists each shortcut as the browser has it now, in words, and says which are not set', async () => {
    render(<ShortcutsSection />);
    const table = await screen.findByRole('table', { name: 'Keyboard shortcuts' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['Open the popup to write a note on this page', 'Alt+Shift+N'],
      ['Open the side panel', 'Not set'],
      ['Save the selected text as a quote', 'Alt+Shift+Q'],
    ]);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Keyboard shortcuts');
    expect(screen.queryByText(/does not tell extensions/)).toBeNull();
  });

  it('says when the browser does not tell the popup’s shortcut, rather than “Not set”', async () => {
    // What Chromium answers, whatever the popup's shortcut is (its shortcut page shows Alt+Shift+N).
    commands.getAll = vi.fn(async () => [
      { name: '_execute_action', description: '', shortcut: '' },
      { name: 'open-side-panel', description: 'Open the Talkmarks side panel', shortcut: 'Alt+Shift+L' },
    ]);
    render(<ShortcutsSection />);
    const table = await screen.findByRole('table', { name: 'Keyboard shortcuts' });
    expect(within(table).getAllByRole('row')[1]?.textContent).toBe(
      'Open the popup to write a note on this pageNot told by the browser*',
    );
    expect(screen.getByText(/does not tell extensions the popup’s shortcut/).textContent).toContain(
      'its shortcut settings show it',
    );
  });

  it('opens Chrome’s shortcut page, or Firefox’s own settings where the browser has them', async () => {
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
    render(<ShortcutsSection />);
    fireEvent.click(screen.getByRole('button', { name: 'Change shortcuts…' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('The browser’s shortcut settings opened.'),
    );
    expect(create).toHaveBeenCalledWith({ url: 'chrome://extensions/shortcuts' });
    cleanup();
    const open = vi.fn(async () => undefined);
    commands.openShortcutSettings = open;
    render(<ShortcutsSection />);
    fireEvent.click(screen.getByRole('button', { name: 'Change shortcuts…' }));
    await waitFor(() => expect(open).toHaveBeenCalledTimes(1));
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('says where the settings are when the browser refuses to open them', async () => {
    vi.spyOn(browser.tabs, 'create').mockRejectedValue(new Error('Cannot open chrome:// URL'));
    render(<ShortcutsSection />);
    fireEvent.click(screen.getByRole('button', { name: 'Change shortcuts…' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(
        /^The browser did not open its shortcut settings\./,
      ),
    );
  });
});

describe('sites section', () => {
  let granted: string[];
  beforeEach(() => {
    granted = ['https://speakerdeck.com/*', 'https://talks.example.org/*', 'https://conf.example:8443/*'];
    Object.assign(browser, {
      permissions: {
        ...browser.permissions,
        getAll: vi.fn(async () => ({ origins: [...granted] })),
        remove: vi.fn(async ({ origins }: { origins: string[] }) => {
          granted = granted.filter((o) => !origins.includes(o));
          return true;
        }),
        onAdded: { addListener: vi.fn(), removeListener: vi.fn() },
        onRemoved: { addListener: vi.fn(), removeListener: vi.fn() },
      },
    });
    vi.spyOn(browser.runtime, 'getManifest').mockReturnValue({
      host_permissions: ['https://speakerdeck.com/*'],
    } as never);
  });

  it('names the sites read by themselves and lists the ones the user enabled, not the manifest’s', async () => {
    render(<SitesSection />);
    const list = await screen.findByRole('list', { name: 'Sites you enabled' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.firstChild?.textContent),
    ).toEqual(['conf.example:8443', 'talks.example.org']);
    const about = screen.getByRole('region', { name: 'Sites Talkmarks reads' }).textContent ?? '';
    expect(about).toContain('Speaker Deck, SlideShare, Google Slides, sched, Sessionize, pretalx, Indico');
  });

  it('turns a site off: its permission goes back, the list and the status line say so', async () => {
    render(<SitesSection />);
    fireEvent.click(await screen.findByRole('button', { name: 'Turn off talks.example.org' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Talkmarks no longer reads talks.example.org by itself.',
      ),
    );
    expect(browser.permissions.remove).toHaveBeenCalledWith({ origins: ['https://talks.example.org/*'] });
    const list = screen.getByRole('list', { name: 'Sites you enabled' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
  });

  it('says how to enable a site when none is', async () => {
    granted = ['https://speakerdeck.com/*'];
    render(<SitesSection />);
    expect((await screen.findByTestId('no-enabled-sites')).textContent).toContain('Enable on this site');
  });
});

describe('storage section', () => {
  it('says the storage used in words', async () => {
    const estimate = vi.fn(async () => ({ usage: 3.2 * 1024 * 1024, quota: 1e10 }));
    Object.defineProperty(navigator, 'storage', { value: { estimate }, configurable: true });
    render(<StorageSection />);
    await waitFor(() =>
      expect(screen.getByTestId('storage-used').textContent).toBe(
        'Talkmarks uses 3.2 MB of this browser’s storage.',
      ),
    );
  });

  it('says so when the browser does not tell', async () => {
    Object.defineProperty(navigator, 'storage', { value: undefined, configurable: true });
    render(<StorageSection />);
    await waitFor(() =>
      expect(screen.getByTestId('storage-used').textContent).toBe(
        'This browser does not say how much storage Talkmarks uses.',
      ),
    );
  });
});

describe('backup section', () => {
  const note = (id: string, body: string): NoteRecord => ({
    id,
    createdAt: 1,
    updatedAt: 1,
    url: 'https://blog.example/post',
    body,
    tags: [],
    kind: 'note',
  });

  it('says what each export did, in a fresh status line per action', async () => {
    await getDb().notes.add(note('01NT0000000000000000000001', 'Hallway: ask about quorum'));
    render(<BackupPanel notify={() => undefined} />);
    const status = screen.getByRole('status');
    fireEvent.click(screen.getByRole('button', { name: 'Notes as Web Annotations (.jsonld)' }));
    await waitFor(() => expect(status.textContent).toBe('Web Annotations downloaded: 1 note.'));
    await getDb().notes.add(note('01NT0000000000000000000002', 'Party: the venue map'));
    fireEvent.click(screen.getByRole('button', { name: 'All notes as Markdown (.zip)' }));
    await waitFor(() => expect(status.textContent).toBe('Markdown archive downloaded: 2 notes.'));
    expect(downloads.map((d) => d.replace(/\d{4}-\d{2}-\d{2}/, 'DAY'))).toEqual([
      'talkmarks-annotations-DAY.jsonld',
      'talkmarks-notes-DAY.zip',
    ]);
    expect(screen.getByRole('region', { name: 'Backup and export' }).textContent).toContain(
      'A backup is one file with everything',
    );
  });

  /**
   * A stand-in for the browser's Worker: the panel's input here is how its worker behaves (fails to
   * run, or never answers), not what it computes. Each one made is kept, to see a new one is made.
   */
  class StandInWorker {
    static made: StandInWorker[] = [];
    static behaviour: 'error' | 'silent' = 'error';
    onmessage: ((e: MessageEvent) => void) | null = null;
    onerror: ((e: ErrorEvent) => void) | null = null;
    onmessageerror: (() => void) | null = null;
    posted: unknown[] = [];
    terminated = false;
    constructor() {
      StandInWorker.made.push(this);
    }
    postMessage(message: unknown) {
      this.posted.push(message);
      if (StandInWorker.behaviour === 'error') {
        // As a worker whose script fails to load: an error event, no message.
        setTimeout(() => this.onerror?.(new ErrorEvent('error', { message: 'boom', cancelable: true })), 0);
      }
    }
    terminate() {
      this.terminated = true;
    }
  }

  /** The stand-in becomes the page's Worker, behaving as told, with none made yet. */
  const standIn = (behaviour: typeof StandInWorker.behaviour) => {
    vi.stubGlobal('Worker', StandInWorker);
    StandInWorker.made = [];
    StandInWorker.behaviour = behaviour;
  };

  const chooseFile = () =>
    fireEvent.change(screen.getByTestId('backup-file'), {
      target: { files: [new File(['{}'], 'backup.json', { type: 'application/json' })] },
    });

  it('says so when the backup worker cannot run, and the next try starts a new one', async () => {
    standIn('error');
    try {
      render(<BackupPanel notify={() => undefined} />);
      chooseFile();
      const status = screen.getByRole('status');
      await waitFor(() =>
        expect(status.textContent).toBe('Nothing was imported. The backup worker stopped (boom).'),
      );
      expect(StandInWorker.made[0]!.terminated).toBe(true);
      expect((screen.getByTestId('backup-file') as HTMLInputElement).disabled).toBe(false);
      chooseFile();
      await waitFor(() => expect(StandInWorker.made).toHaveLength(2));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('says so when the backup worker never answers, instead of reading forever', async () => {
    standIn('silent');
    vi.useFakeTimers();
    try {
      render(<BackupPanel notify={() => undefined} />);
      chooseFile();
      const status = screen.getByRole('status');
      expect(status.textContent).toContain('Reading…');
      await vi.advanceTimersByTimeAsync(14_000);
      expect(status.textContent).toContain('Reading…');
      await vi.advanceTimersByTimeAsync(1_000);
      expect(status.textContent).toBe('Nothing was imported. The backup worker did not start; try again.');
      expect(StandInWorker.made[0]!.terminated).toBe(true);
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
  });
});
