/**
 * The generic reader's page scans that more than one field reads (the title and its candidates, the
 * abstract, the event and its candidates): each runs at most once per reading, and only when asked.
 */
import { byTags } from '../../tags';
import { cleanText } from '../../text';
import { breadcrumbs } from './event-name';
import { TALK_HEADING } from './layout';
import type { PageElements } from './page-elements';

/** One reading's shared scans of the page. */
export class SharedScans {
  private sectionHeadings?: Element[];
  private talkHeadingRead?: { text?: string };
  private trail?: string[];

  /** `content`: the page's main content (else its body); `elements`: the page's elements. */
  constructor(
    private readonly content: Element,
    private readonly elements: PageElements,
  ) {}

  /** The main content's h2–h5, in page order (from the tag collections, capture/tags.ts). */
  headings(): Element[] {
    this.sectionHeadings ??= byTags(this.content, ['h2', 'h3', 'h4', 'h5']);
    return this.sectionHeadings;
  }

  /** The title a "Talk: …" heading gives, among the main content's first ten h2 and h3. */
  talkHeading(): string | undefined {
    this.talkHeadingRead ??= {
      text: this.headings()
        .filter((h) => h.matches('h2, h3'))
        .slice(0, 10)
        .map((h) => TALK_HEADING.exec(cleanText(h.textContent, 320))?.[1])
        .find(Boolean),
    };
    return this.talkHeadingRead.text;
  }

  /** The breadcrumb trail's entries, first to last. */
  breadcrumbs(): string[] {
    this.trail ??= breadcrumbs(this.elements);
    return this.trail;
  }
}
