/** Help: writing notes — where they are filed, #tags, the kinds and their prefixes, quotes, stars. */
import { HelpSection, Keys, Typed } from './HelpSection';

/** The kind prefixes (storage/kinds.ts), with what each kind does in the side panel and in a recap. */
const KINDS = [
  {
    prefix: '! ',
    kind: 'Takeaway',
    example: '! Profile scheduling latency before adding nodes',
    shows: 'listed as takeaways; “My takeaways” gathers them across talks',
  },
  {
    prefix: '? ',
    kind: 'Question',
    example: '? How does the scheduler pick a zone?',
    shows: 'a question for the speaker; recaps list it as an open question',
  },
  {
    prefix: '> ',
    kind: 'Quote',
    example: '> Most of your pods are idle most of the time',
    shows: 'a quote; recaps put it in quotation marks',
  },
  {
    prefix: '[ ] ',
    kind: 'To do',
    example: '[ ] try the new autoscaler',
    shows: 'a to-do for you; recaps leave to-dos out (they are private)',
  },
] as const;

export function NotesHelp() {
  return (
    <HelpSection id="notes" title="Writing notes">
      <p>
        Open the popup on the page of a talk or a deck — the toolbar button or <Keys>Alt+Shift+N</Keys> —
        type, and press <Keys>Ctrl+Enter</Keys> (<Keys>⌘+Enter</Keys> on a Mac) to save. The side panel (
        <Keys>Alt+Shift+L</Keys>) has the same note box, and lists the notes of the page as you write them.
      </p>
      <p>
        A note is filed under what is on screen: the slide of the deck (with a picture of it), the talk and
        its event. On a talk video it keeps the time in the video. A note on a page that belongs to no talk is
        kept with that page. A note filed in the wrong place — or several, picked in the library — can be
        moved to another talk, to an event’s day, or to no talk with <strong>Move…</strong>.
      </p>
      <h3 class="font-semibold">#tags</h3>
      <p>
        Write <Typed>#tags</Typed> anywhere in a note: <Typed>#kubernetes</Typed>, <Typed>#SRE</Typed>. Tags
        are kept in lower case (<Typed>#GlusterFS</Typed> is the tag <Typed>glusterfs</Typed>). A number (
        <Typed>#123</Typed>), <Typed>C#</Typed>, a <Typed>#</Typed> inside a link or in code are not tags.
        Tags at the end of a note are shown as chips under it. Type <Typed>#</Typed> to get your tags offered;
        pick one with <Keys>↑</Keys> <Keys>↓</Keys> and <Keys>Tab</Keys> or <Keys>Enter</Keys>.
      </p>
      <h3 class="font-semibold">Kinds: takeaways, questions, quotes, to-dos</h3>
      <p>
        Start a note with one of these to give it a kind, or pick the kind under the note box. The prefix only
        sets the kind: it is taken off the text when the note is saved, and the note shows the kind’s mark
        instead.
      </p>
      <table class="text-sm" aria-label="Note kinds and how to type them">
        <thead>
          <tr class="text-left">
            <th class="pr-4 font-semibold">Start with</th>
            <th class="pr-4 font-semibold">Kind</th>
            <th class="font-semibold">What it does</th>
          </tr>
        </thead>
        <tbody>
          {KINDS.map((k) => (
            <tr key={k.kind} class="align-top">
              <td class="py-1 pr-4">
                <Typed>{k.prefix.trimEnd()}</Typed> and a space
              </td>
              <td class="py-1 pr-4">{k.kind}</td>
              <td class="py-1">
                {k.shows}. For example <Typed>{k.example}</Typed>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Typed>TODO</Typed> or <Typed>todo:</Typed> at the start makes a to-do too. A note with none of these
        is a plain note.
      </p>
      <h3 class="font-semibold">Quotes from the page</h3>
      <p>
        Select text on a page and choose <strong>Quote in Talkmarks</strong> from the right-click menu, or
        press <Keys>Alt+Shift+Q</Keys>: it is saved as a quote note on that page (and slide), and the toolbar
        button’s badge shows it worked.
      </p>
      <h3 class="font-semibold">The talk’s clock and its recording</h3>
      <p>
        A note taken while its talk runs — its time slot is known and now is inside it, or you pressed{' '}
        <strong>Talk started</strong> on the talk’s page — keeps its moment in the talk. When you later open
        the talk’s recording (a YouTube, Vimeo or PeerTube video with the talk’s title, or its video link),
        the side panel offers to align it once: the video starts with the talk, or play it to one note’s
        moment and press <strong>This note is now</strong>. Each live note then links to its second of the
        video, shows as a marker on the video’s timeline (a click plays from there), and recap templates can
        link it with <Typed>note.moment_url</Typed>.
      </p>
      <h3 class="font-semibold">Your notes on the page itself</h3>
      <p>
        <strong>Show my notes on this page</strong> (in the side panel, per site; the list is in the options)
        highlights your quotes on the page and badges a deck’s slides with their number of notes. It is off
        for every site until you turn it on, because anything drawn into a page can be read by that page’s own
        scripts. A quote whose text the page no longer has is listed under{' '}
        <strong>Not found on this page</strong>
        and stays in your library. Turning it off takes everything out of the page.
      </p>
      <h3 class="font-semibold">Stars: your agenda</h3>
      <p>
        The star on a talk’s card puts it on your agenda (the side panel’s <strong>Now</strong> tab). While a
        starred talk is running, a quick note from any tab — a blog post, the chat — is filed under it.
      </p>
    </HelpSection>
  );
}
