/**
 * "Open in Talkmarks" for PDF decks: shows `?file=<url>` in the PDF.js viewer and, being an extension
 * page (no content script runs here), answers the public `talkmarks:capture` and `talkmarks:goto`
 * messages itself — to Talkmarks' own pages only — and reports page flips like the capture module does.
 */
import '../../assets/main.css';
import './style.css';
import { capturePage, gotoTarget } from '../../capture';
import { safeHttpUrl } from '../../capture/url';
import { answerOwnPages } from '../../components/pdf/answer';
import { openDeck } from '../../components/pdf/open-deck';
import { sendToBackground } from '../../messaging/content';

const status = document.getElementById('status') as HTMLElement;
const file = safeHttpUrl(new URLSearchParams(location.search).get('file'));
const current = () => capturePage(document, location.href);

answerOwnPages({
  'talkmarks:capture': () => current(),
  'talkmarks:goto': ({ target }) => gotoTarget(document, location.href, target),
});

const report = () => void sendToBackground('captureChanged', current()).catch(() => undefined);

if (file) void openDeck(file, status, report);
else status.textContent = 'No PDF given: open a PDF deck and choose “Open in Talkmarks”.';
