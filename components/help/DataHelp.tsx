/** Help: backups and what stays private. */
import { HelpSection } from './HelpSection';

export function BackupHelp() {
  return (
    <HelpSection id="backup" title="Backup and restore">
      <p>
        In{' '}
        <a class="text-accent underline" href="/options.html#backup-heading">
          Settings → Backup and export
        </a>
        , <strong>Export backup</strong> downloads one file with everything: events, talks, decks, slide
        pictures, notes, recaps and your templates, the trash too.
      </p>
      <p>
        <strong>Import backup</strong> checks the whole file before it changes anything, and shows what it
        will add and update. Nothing is written until you confirm. A record you have twice keeps its newer
        copy, so importing never loses an edit and never doubles a note; importing the same file again changes
        nothing.
      </p>
      <p>
        Two more exports: <strong>Notes as Web Annotations</strong> (a W3C standard that other annotation
        tools read) and <strong>All notes as Markdown</strong> (a .zip of Markdown files for Obsidian or
        Jekyll).
      </p>
    </HelpSection>
  );
}

export function PrivacyHelp() {
  return (
    <HelpSection id="privacy" title="Privacy: nothing leaves your browser">
      <p>
        Everything you write stays in this browser, in Talkmarks’ own storage. There is no account, no server
        and no tracking. Talkmarks reads the pages you note (see{' '}
        <a class="text-accent underline" href="#capture">
          which pages
        </a>
        ), and the only requests it makes itself are to the site you are on, for the talk details that page
        links to.
      </p>
      <p>
        Your notes leave the browser only when you copy or download a recap, an export or a backup.
        Uninstalling Talkmarks deletes its data: export a backup first if you want to keep it.
      </p>
    </HelpSection>
  );
}
