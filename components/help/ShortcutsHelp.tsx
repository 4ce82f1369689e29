/** Help: keyboard shortcuts, in the browser and inside Talkmarks' pages. */
import { HelpSection, Keys } from './HelpSection';

export function ShortcutsHelp() {
  return (
    <HelpSection id="shortcuts" title="Keyboard shortcuts">
      <p>
        These are the shortcuts Talkmarks comes with. The browser keeps them and lets you change them:{' '}
        <a class="text-accent underline" href="/options.html#shortcuts">
          Settings
        </a>{' '}
        shows the ones set now and opens the browser’s shortcut settings.
      </p>
      <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt>
          <Keys>Alt+Shift+N</Keys>
        </dt>
        <dd>Open the popup to write a note on this page</dd>
        <dt>
          <Keys>Alt+Shift+L</Keys>
        </dt>
        <dd>Open the side panel (the sidebar in Firefox)</dd>
        <dt>
          <Keys>Alt+Shift+Q</Keys>
        </dt>
        <dd>Save the selected text as a quote</dd>
      </dl>
      <h3 class="font-semibold">In the note box</h3>
      <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt>
          <Keys>Ctrl+Enter</Keys>
        </dt>
        <dd>
          Save the note (<Keys>⌘+Enter</Keys> on a Mac)
        </dd>
        <dt>
          <Keys>↑</Keys> <Keys>↓</Keys>, <Keys>Tab</Keys>
        </dt>
        <dd>Move through the offered tags, take one</dd>
        <dt>
          <Keys>Esc</Keys>
        </dt>
        <dd>Close the offered tags</dd>
      </dl>
      <h3 class="font-semibold">In the side panel</h3>
      <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt>
          <Keys>/</Keys>
        </dt>
        <dd>Search the library</dd>
        <dt>
          <Keys>↑</Keys> <Keys>↓</Keys>
        </dt>
        <dd>Move through a list</dd>
        <dt>
          <Keys>Enter</Keys>
        </dt>
        <dd>Open what is selected</dd>
        <dt>
          <Keys>Esc</Keys>
        </dt>
        <dd>Go back</dd>
      </dl>
    </HelpSection>
  );
}
