/**
 * Help: recaps and their templates — docs/templates.md written for users (the variables, the
 * filters, the errors); keep the two in step.
 */
import { HelpSection, Typed } from './HelpSection';

const BUILT_IN = [
  [
    'Day post',
    'The template a new recap starts on. A paragraph per talk in the order attended — the talk named with its speakers and linked, then your notes as its sentences — the day’s moments by part of the day, and a closing “Tagged: …” line.',
  ],
  [
    'Day one',
    'The day as it happened: the talks and the day’s moments in one story, by time, each talk a paragraph.',
  ],
  [
    'Takeaways by theme',
    'A paragraph per theme (your tags, or the themes you choose in the composer), each citing the talks and speakers it draws on.',
  ],
  [
    'Talk notes (bullets)',
    'A title with the event and the weekday, a section per talk (speakers, time, room, slides link) with its notes as a list, the day’s moments under “Also today”, and a closing “Tagged: …” line.',
  ],
  [
    'My takeaways',
    'One list of your takeaways across all the talks, each naming its talk, then the moments marked as takeaways (all notes, when none is marked as a takeaway).',
  ],
  [
    'Talk notes',
    'One talk in depth: speakers, when, where, links, abstract, then takeaways, notes (with slide and video time), quotes and questions; the moments under “Also today”.',
  ],
  [
    'Slides digest',
    'Notes slide by slide, each with its slide picture, the moments under “Also today”; it downloads as a .zip with the pictures.',
  ],
] as const;

type Row = readonly [string, string];

const RECAP: Row[] = [
  ['recap.title', 'the title you typed, else “event: weekday”'],
  ['recap.intro, recap.outro', 'what you typed in the composer, as Markdown (empty when nothing)'],
  ['recap.event', 'name, url, location — or nothing when the recap has no event'],
  ['recap.day, recap.weekday, recap.date', '2012-06-27, Wednesday, Wednesday, June 27, 2012 (at the venue)'],
  ['recap.talks (or talks)', 'the talks, in the order you chose'],
  ['recap.moments', 'the day’s moments in the post (notes on no talk), oldest first; never to-dos'],
  ['recap.tags', 'the tags of the notes in the post, then of the talks, then of the moments'],
  ['recap.takeaways', 'every takeaway on a talk in the post (each has talk_title)'],
  ['recap.note_count', 'how many notes are in the post, moments too'],
  [
    'recap.moment_groups',
    'the moments as Day post writes them: part, opener (“In the afternoon”), sentences',
  ],
  ['recap.story', 'Day one’s paragraphs in order: kind (talk or moments), first, talk, opener, sentences'],
  ['recap.themes', 'Takeaways by theme: tag, name, paragraph, talk_titles'],
  ['recap.links', 'every link the post’s notes mention, once each: url, title, markdown'],
  [
    'recap.links_list',
    '“Links mentioned:” and the list, when you put it at the end of the post in the composer (else empty)',
  ],
];
const TALK: Row[] = [
  ['talk.title, talk.id', ''],
  ['talk.speakers', 'a list of name, url, affiliation'],
  [
    'talk.speaker_names, talk.speaker_links',
    '“A”, “A and B”, “A, B and C”; the second links each name to its page',
  ],
  ['talk.byline', 'speakers · time · room (the parts that are known)'],
  ['talk.day, talk.weekday, talk.time', 'at the venue: 2012-06-27, Wednesday, 13:20–14:20'],
  ['talk.starts_at, talk.ends_at', 'the stored times (ISO 8601 with offset)'],
  ['talk.room, talk.track, talk.abstract', ''],
  [
    'talk.url, talk.slides_url, talk.video_url',
    'the session page, the slides (the link you typed, else the deck attached to the talk), the video (empty when unknown)',
  ],
  ['talk.tags', 'the talk’s own tags'],
  ['talk.notes', 'the notes in the post, oldest first'],
  [
    'talk.takeaways, talk.quotes, talk.questions, talk.todos, talk.others',
    'the notes by kind (others: plain notes)',
  ],
  ['talk.slides', 'notes grouped by slide: number, label, title, thumbnail, notes'],
  ['talk.unanchored', 'notes on no slide'],
  ['talk.mention, talk.short_mention', '[title](url) by speakers ([slides](url)); title by speakers'],
  ['talk.sentences', 'the notes as sentences, each with its picture when it has one'],
  [
    'talk.slides_promise',
    '“The slides are promised for Friday.” until promised slides are found, then “The slides are now online” with the link (empty when nothing was promised)',
  ],
  ['talk.links', 'the links the talk’s notes mention: url, title, markdown'],
  [
    'talk.links_list',
    '“Links mentioned:” and the list, when you put it after each talk in the composer (else empty)',
  ],
];
const NOTE: Row[] = [
  ['note.kind', 'note, takeaway, quote, question or todo'],
  ['note.text', 'the note without the #tags it ends with (they go to the tag line)'],
  ['note.body', 'the whole note'],
  [
    'note.line',
    'the note as Talk notes (bullets) writes it: a quote in “…”, a question after “Open question:”, then (slide N)',
  ],
  ['note.slide', 'number, label, title of its slide — or nothing'],
  ['note.slide_ref', '“ (slide 4)” or empty'],
  ['note.time_label', 'the time in the video, as 12:34 (empty when none)'],
  ['note.quote', 'the quoted page text, for a quote taken from the page'],
  ['note.thumbnail', 'the slide picture, when pictures are on for the talk'],
  ['note.tags, note.created_at, note.talk_title', 'talk_title is empty for a moment'],
  ['note.time_of_day', 'when it was written, at the venue: 14:05'],
  ['note.page_title, note.page_url', 'the page it was written on (for a moment: the blog post, the deck)'],
  [
    'note.sentence, note.picture',
    'the note as a sentence of a prose post; its slide picture when you put it in',
  ],
];

function Variables({ caption, rows }: { caption: string; rows: Row[] }) {
  return (
    <table class="text-sm">
      <caption class="text-left font-semibold">{caption}</caption>
      <thead class="sr-only">
        <tr>
          <th>Variable</th>
          <th>What it holds</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, meaning]) => (
          <tr key={name} class="align-top">
            <td class="py-0.5 pr-4">
              <Typed>{name}</Typed>
            </td>
            <td class="py-0.5">{meaning}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const EXAMPLE = `# {{ recap.title }}
{% for talk in recap.talks %}
## {{ talk.title }} ({{ talk.speaker_names }})
{% for note in talk.takeaways %}
- {{ note.text }}
{%- endfor %}
{% endfor %}
Tagged: {{ recap.tags | join: ", " }}`;

export function TemplatesHelp() {
  return (
    <HelpSection id="templates" title="Recaps and templates">
      <p>
        In the side panel’s <strong>Recap</strong> tab (or <strong>Open wide view</strong> for the editor and
        the preview side by side), pick an event and a day, or a date. The talks you noted or starred that day
        come in start order, and with them the day’s <em>moments</em>: notes on no talk — the hallway, a blog
        post, a PDF deck — each ticked; untick one to leave it out. Nothing is left out silently: the composer
        says how many of the day’s notes are in the post, and why the others are not. Reorder the talks,
        choose per talk <em>all notes</em>, <em>takeaways only</em> or <em>quotes only</em> and whether slide
        pictures go in, choose a template, a title, an intro and an outro. Then <strong>Copy Markdown</strong>
        , <strong>Copy rich text</strong> (for WordPress, Medium or Google Docs) or <strong>Download</strong>.
        To-dos stay out: they are private. Jekyll or Hugo front matter is added by the composer when you ask
        for it.
      </p>
      <p>
        <strong>Private notes</strong> — typed with <Typed>% </Typed> first, made private with a note’s{' '}
        <strong>Private</strong> button, or tagged <Typed>#private</Typed> (the tag is yours to choose in
        Settings, under Private notes and promised slides) — show a lock and stay out of every post, copy,
        download, the Markdown archive and the Web Annotations, unless you tick{' '}
        <strong>Include private notes</strong> for that export. <strong>Links mentioned</strong> in the
        composer lists the links your notes carry, and those the slides you noted showed (tracking parameters
        removed), after each talk or at the end of the post. A talk marked <strong>Slides promised</strong>{' '}
        (on its card, or by a note saying “slides later” or “slides will be posted”) reads “The slides are
        promised for Friday.” until the slides are found, then links them.
      </p>
      <h3 class="font-semibold">The built-in templates</h3>
      <dl class="flex flex-col gap-1 text-sm">
        {BUILT_IN.map(([name, what]) => (
          <div key={name}>
            <dt class="inline font-semibold">{name}: </dt>
            <dd class="inline">{what}</dd>
          </div>
        ))}
      </dl>
      <h3 class="font-semibold">Your own template</h3>
      <p>
        In the wide view open <strong>Templates</strong>, pick a built-in one and choose{' '}
        <strong>Save as my template</strong>; then edit it. Templates are written in Liquid, the template
        language Jekyll uses: <Typed>{'{{ talk.title }}'}</Typed> prints a value,{' '}
        <Typed>{'{% for note in talk.notes %}…{% endfor %}'}</Typed> repeats, <Typed>{'{% if %}'}</Typed>{' '}
        chooses. A template cannot run code or read files.
      </p>
      <p>
        Every value is already safe in Markdown: whatever a title or a note contains, the post stays valid. So
        write <Typed>{'{{ talk.title }}'}</Typed>, not <Typed>{'{{ talk.title | escape }}'}</Typed> (that is
        for HTML and would show <Typed>&amp;amp;</Typed>). Links are http and https only.
      </p>
      <Variables caption="The recap" rows={RECAP} />
      <Variables caption="Each talk" rows={TALK} />
      <Variables caption="Each note" rows={NOTE} />
      <p>
        All of Liquid’s standard filters work (<Typed>join</Typed>, <Typed>upcase</Typed>, <Typed>date</Typed>
        , <Typed>default</Typed>, <Typed>size</Typed>, <Typed>where</Typed>, <Typed>sort</Typed>…). A misspelt
        variable or filter, or an unclosed <Typed>{'{% for %}'}</Typed>, is shown with its line, and the last
        good post stays on screen; a template that writes nothing says so.
      </p>
      <h3 class="font-semibold">Safe to publish</h3>
      <p>
        Every post that leaves Talkmarks (copied, downloaded, archived) is checked once more: links go only to
        http, https or mailto addresses (any other, however it is written, is defused), and HTML shows as text
        — HTML you typed in a note too, since it cannot be told from HTML quoted from a page. Only a template
        you saved on this device may write HTML; the composer then says <strong>Raw HTML in this post</strong>
        . Images from other sites are not loaded in the preview or the rich-text copy unless you tick{' '}
        <strong>Show images from other sites in this post</strong>.
      </p>
      <p>For example, one heading per talk with its takeaways, and the tags at the end:</p>
      <pre class="whitespace-pre-wrap break-words rounded bg-surface-2 p-3 font-mono text-xs">{EXAMPLE}</pre>
    </HelpSection>
  );
}
