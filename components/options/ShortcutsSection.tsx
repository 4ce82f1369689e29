/**
 * Keyboard shortcuts as the browser has them now (`commands.getAll()`: the user may have changed
 * or removed them), and the way to the browser's own page for changing them.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Section } from './Section';

/** What each command does, in the words of the options page (ids per browser: wxt.config.ts). */
const COMMAND_WORDS: Record<string, string> = {
  _execute_action: 'Open the popup to write a note on this page',
  _execute_browser_action: 'Open the popup to write a note on this page',
  'open-side-panel': 'Open the side panel',
  _execute_sidebar_action: 'Open the sidebar',
  'quote-selection': 'Save the selected text as a quote',
};

interface Command {
  name: string;
  does: string;
  shortcut: string;
  /** Chromium lists the popup's command without its shortcut and description, set or not. */
  unreported: boolean;
}

type Status = { kind: 'idle' } | { kind: 'done' | 'error'; message: string };

/** Firefox 137+ opens its shortcut settings itself; Chrome has a page for them. */
async function openShortcutSettings(): Promise<Status> {
  const commands = browser.commands as { openShortcutSettings?: () => Promise<void> };
  try {
    if (typeof commands.openShortcutSettings === 'function') await commands.openShortcutSettings();
    else await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
    return { kind: 'done', message: 'The browser’s shortcut settings opened.' };
  } catch {
    return {
      kind: 'error',
      message:
        'The browser did not open its shortcut settings. In Chrome they are at chrome://extensions/shortcuts; in Firefox, under Add-ons and themes → the gear menu → Manage Extension Shortcuts.',
    };
  }
}

export function ShortcutsSection() {
  const [commands, setCommands] = useState<Command[] | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  useEffect(() => {
    let live = true;
    browser.commands.getAll().then(
      (all) =>
        live &&
        setCommands(
          all.flatMap((c) =>
            c.name
              ? [
                  {
                    name: c.name,
                    does: COMMAND_WORDS[c.name] ?? c.description ?? c.name,
                    shortcut: c.shortcut ?? '',
                    unreported: c.name === '_execute_action' && !c.shortcut && !c.description,
                  },
                ]
              : [],
          ),
        ),
      () => live && setCommands([]),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <Section
      id="shortcuts"
      title="Keyboard shortcuts"
      about="Keys that work on any page. The browser keeps them: change them in its shortcut settings."
    >
      {commands === null ? (
        <p class="text-sm text-muted">Reading the shortcuts…</p>
      ) : commands.length === 0 ? (
        <p class="text-sm">This browser did not say which shortcuts are set.</p>
      ) : (
        <table class="text-sm" aria-label="Keyboard shortcuts">
          <thead class="sr-only">
            <tr>
              <th>Action</th>
              <th>Shortcut</th>
            </tr>
          </thead>
          <tbody>
            {commands.map((c) => (
              <tr key={c.name} data-command={c.name}>
                <td class="py-0.5 pr-4">{c.does}</td>
                <td class="py-0.5">
                  {c.shortcut ? (
                    <kbd class="rounded border border-line px-1 font-mono text-xs">{c.shortcut}</kbd>
                  ) : c.unreported ? (
                    <span class="text-muted">Not told by the browser*</span>
                  ) : (
                    <span class="text-muted">Not set</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {commands?.some((c) => c.unreported) && (
        <p class="text-xs text-muted">
          * This browser does not tell extensions the popup’s shortcut (Alt+Shift+N unless you changed it);
          its shortcut settings show it.
        </p>
      )}
      <div class="flex flex-wrap items-center gap-2">
        <button
          type="button"
          class="btn"
          onClick={() => {
            setStatus({ kind: 'idle' }); // a fresh line per click, so a repeat is announced again
            void openShortcutSettings().then(setStatus);
          }}
        >
          Change shortcuts…
        </button>
        <p role="status" class={`text-sm ${status.kind === 'error' ? 'text-danger' : ''}`}>
          {status.kind === 'idle' ? '' : status.message}
        </p>
      </div>
    </Section>
  );
}
