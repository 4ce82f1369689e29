/** Help: which pages Talkmarks reads, and where it reads them without being asked. */
import { KNOWN_HOST_PLATFORMS, platformNames as names } from '../../capture/platform-names';
import { HelpSection } from './HelpSection';

const DECKS = [
  'reveal',
  'slidev',
  'marp',
  'remark',
  'impress',
  'shower',
  'speakerdeck',
  'slideshare',
  'google-slides',
];
const SESSIONS = ['pretalx', 'sched', 'sessionize', 'indico', 'fosdem'];

export function CaptureHelp() {
  return (
    <HelpSection id="capture" title="Which pages Talkmarks reads">
      <p>
        Talkmarks reads a page to know what you are noting: the deck and the slide on screen, the talk, its
        speakers, time and room, and the event.
      </p>
      <ul class="list-disc pl-5">
        <li>
          <strong>Slide decks:</strong> {names(DECKS)}, and PDF decks — open a PDF deck with{' '}
          <strong>Open in Talkmarks</strong> in the popup, and each page of it is a slide.
        </li>
        <li>
          <strong>Talk videos:</strong> YouTube and Vimeo, with the time in the video.
        </li>
        <li>
          <strong>Session pages:</strong> {names(SESSIONS)}, and any page that describes its event with
          schema.org data (JSON-LD or microdata) or Open Graph.
        </li>
      </ul>
      <h3 class="font-semibold">Where it reads without being asked</h3>
      <p>
        On {names(KNOWN_HOST_PLATFORMS)} Talkmarks reads pages by itself. Anywhere else it reads a page only
        when you open its popup or side panel on that page: the browser lets it see that tab, that once.
      </p>
      <p>
        To have every page of a site read — a conference’s own site with its decks — open the popup or the
        side panel on one of its pages and choose <strong>Enable on this site</strong>; the browser asks you
        once. The sites you enabled are listed in{' '}
        <a class="text-accent underline" href="/options.html#sites">
          Settings
        </a>
        , where each can be turned off.
      </p>
      <h3 class="font-semibold">When a field is wrong</h3>
      <p>
        Under each field of a talk the popup says where it was read: “from the byline”, “from a label on the
        page”, “from og:site_name” (the site’s name in the page’s metadata), “from the tab’s title”. If one is
        wrong, choose <strong>Not right?</strong> beside it: keep or drop each speaker, pick another value the
        page shows, type the right one, or say the page has none. The note you save is filed with your
        correction; <strong>Undo</strong> puts the page’s reading back.
      </p>
      <p>
        With <strong>Remember for every page of this site</strong> ticked, the next pages of the same site are
        corrected the same way — a name that is never a speaker there, where the event is read, a field the
        site never has — and say “from your correction for this site”. A correction only leaves out or picks
        among what a page itself shows; the one exception is an event name you type and tick as the event of
        every page of the site. The corrections are listed, and can be deleted, in{' '}
        <a class="text-accent underline" href="/options.html#site-corrections">
          Settings
        </a>
        . They stay on this computer: they are not synced and not in backups.
      </p>
      <p>
        A deck and its talk are often on two pages. In the side panel on the deck, choose its talk under{' '}
        <strong>Attach this deck to a talk</strong>: notes on the deck are then filed under that talk.
      </p>
    </HelpSection>
  );
}
