/**
 * The help page inside the extension (help.html): how to write notes, shortcuts, which pages are
 * read, recap templates, backups and privacy. Static text only; sections are linked as
 * `help.html#notes`, `#shortcuts`, `#capture`, `#templates`, `#backup`, `#privacy`.
 */
import { CaptureHelp } from './CaptureHelp';
import { BackupHelp, PrivacyHelp } from './DataHelp';
import { NotesHelp } from './NotesHelp';
import { ShortcutsHelp } from './ShortcutsHelp';
import { TemplatesHelp } from './TemplatesHelp';

const CONTENTS = [
  ['notes', 'Writing notes'],
  ['shortcuts', 'Keyboard shortcuts'],
  ['capture', 'Which pages Talkmarks reads'],
  ['templates', 'Recaps and templates'],
  ['backup', 'Backup and restore'],
  ['privacy', 'Privacy'],
] as const;

export function HelpPage() {
  return (
    <div class="mx-auto flex max-w-3xl flex-col gap-8 p-6 text-sm leading-relaxed">
      <header class="flex flex-col gap-2">
        <div class="flex flex-wrap items-baseline justify-between gap-2">
          <h1 class="text-xl font-semibold">Talkmarks help</h1>
          <a class="text-accent underline" href="/options.html">
            Settings
          </a>
        </div>
        <p>
          Notes on tech talks, filed under the slide, the talk and the event — and a recap post at the end of
          the day.
        </p>
        <nav aria-label="Contents">
          <ul class="flex flex-wrap gap-x-4 gap-y-1">
            {CONTENTS.map(([id, title]) => (
              <li key={id}>
                <a class="text-accent underline" href={`#${id}`}>
                  {title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main class="flex flex-col gap-10">
        <NotesHelp />
        <ShortcutsHelp />
        <CaptureHelp />
        <TemplatesHelp />
        <BackupHelp />
        <PrivacyHelp />
      </main>
    </div>
  );
}
