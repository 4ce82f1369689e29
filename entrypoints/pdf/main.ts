/**
 * "Open in Talkmarks" for PDF decks: shows `?file=<url>` in the PDF.js viewer and, being an extension
 * page (no content script runs here), answers the public `talkmarks:capture` and `talkmarks:goto`
 * messages itself and reports page flips like the capture module does.
 */
import '../../assets/main.css';
import './style.css';
import { browser } from 'wxt/browser';
import { capturePage, gotoTarget } from '../../capture';
import { safeHttpUrl } from '../../capture/url';
import { sendToBackground } from '../../messaging/content';
import { answerTabRequests } from '../../messaging/tab-receiver';
import { openPdf } from './viewer';

const status = document.getElementById('status') as HTMLElement;
const file = safeHttpUrl(new URLSearchParams(location.search).get('file'));
const current = () => capturePage(document, location.href);

answerTabRequests({
  'talkmarks:capture': () => current(),
  'talkmarks:goto': ({ target }) => gotoTarget(document, location.href, target),
});

const report = () => void sendToBackground('captureChanged', current()).catch(() => undefined);

async function start(url: string): Promise<void> {
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
        if (ok) void start(url);
      });
    });
    status.append(button);
  }
}

if (file) void start(file);
else status.textContent = 'No PDF given: open a PDF deck and choose “Open in Talkmarks”.';
