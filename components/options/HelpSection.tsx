/** Where the help page is, and which version this is. */
import { browser } from 'wxt/browser';
import { Section } from './Section';

export function HelpSection() {
  return (
    <Section
      id="help"
      title="Help"
      about="How to write notes, kinds and #tags, shortcuts, which sites are read, recap templates, backups, and what stays private."
    >
      <p class="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
        <a class="text-accent underline" href="/help.html">
          Open the help page
        </a>
        <span class="text-muted">Talkmarks {browser.runtime.getManifest().version}</span>
      </p>
    </Section>
  );
}
