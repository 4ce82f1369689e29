/**
 * Opens the PDF deck named by `?file=` in the viewer page and says how it went in `status`: when the
 * extension may not read that site, a button asks for its permission and tries again.
 */
import { browser } from 'wxt/browser';
import { openPdf } from './viewer';

/** Opens `url` in the viewer; `report` hears every page change and the first page. */
export async function openDeck(url: string, status: HTMLElement, report: () => void): Promise<void> {
  try {
    status.textContent = 'Opening the PDF…';
    await openPdf(url, report);
    status.textContent = '';
    report();
  } catch {
    // An extension page can read another site only with that site's permission (or CORS).
    const origin = new URL(url).origin;
    status.textContent = `The PDF could not be read. Talkmarks needs access to ${origin} to open it. `;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'btn';
    button.textContent = `Allow ${new URL(url).host}`;
    button.addEventListener('click', () => {
      void browser.permissions.request({ origins: [`${origin}/*`] }).then((ok) => {
        if (ok) void openDeck(url, status, report);
      });
    });
    status.append(button);
  }
}
