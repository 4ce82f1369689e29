/**
 * Opens the PDF deck named by `?file=` in the viewer page and says how it went in `status`. When the
 * extension may not read that site, it says so and offers one explicit, labelled action: allowing
 * Talkmarks on that site, which (being that site's host permission) also turns on capture for all of
 * its pages, as "Enable on this site" does. Nothing is asked for before the user clicks.
 */
import { browser } from 'wxt/browser';
import { openPdf } from './viewer';

/** What allowing `host` grants, in the words the viewer shows beside the button. */
export function allowHostText(host: string): string {
  return (
    `Allowing lets Talkmarks read every page and file on ${host}: it can then open this PDF, and it ` +
    'captures talks on that site’s pages without a click, as “Enable on this site” does. You can ' +
    'turn it off in Options, under “Sites you enabled”.'
  );
}

/** Opens `url` in the viewer; `report` hears every page change and the first page. */
export async function openDeck(url: string, status: HTMLElement, report: () => void): Promise<void> {
  try {
    status.textContent = 'Opening the PDF…';
    await openPdf(url, report);
    status.textContent = '';
    report();
  } catch (err) {
    // An extension page can read another site only with that site's permission (or CORS).
    // Scheme and host without the port, as "Enable on this site" asks (Firefox takes no port in a
    // match pattern); it covers every port of the host, and the text says the host.
    const { protocol, hostname: host } = new URL(url);
    const origins = [`${protocol}//${host}/*`];
    if (await browser.permissions.contains({ origins }).catch(() => false)) {
      // Access was not what failed (a damaged file, or the viewer itself): asking for it would not help.
      const why = err instanceof Error ? err.message : String(err);
      status.textContent = `The PDF could not be opened: ${why || 'PDF.js gave no reason'}.`;
      return;
    }
    status.textContent = `The PDF could not be read: Talkmarks has no access to ${host}. `;
    const why = document.createElement('span');
    why.id = 'allow-host-why';
    why.textContent = `${allowHostText(host)} `;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn';
    button.textContent = `Allow Talkmarks on ${host} (reading and capture)`;
    button.setAttribute('aria-describedby', why.id);
    button.addEventListener('click', () => {
      void browser.permissions.request({ origins }).then((ok) => {
        if (ok) void openDeck(url, status, report);
      });
    });
    status.append(why, button);
  }
}
