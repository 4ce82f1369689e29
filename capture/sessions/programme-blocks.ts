/**
 * Programme blocks: cards and "schedule-item" rows holding one clock time and one heading. The
 * heading is the title, the short line right after it the speakers. A block whose time span holds
 * lower-level blocks is their session: it names their track and is not a talk itself.
 */
import { cleanText } from '../text';
import type { Speaker } from '../types';
import { findTimes } from './datetext';
import { type Day, type Item, isMediaLink, minutes, speakersOf, text } from './programme-items';

/** A text that is only a time or a time span ("09:00 - 10:30", "14:45-16:30"). */
const TIME_ONLY =
  /^\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:-|–|—|to|bis|à)\s*\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?)?\s*$/i;
/** Link texts beside a title that are not part of it. */
const ASIDE_LABEL = /\b(?:zoom|link|join|watch|register|here|webex|teams|meet)\b/i;
const MAX_TIMES = 400;
/** Elements a time is printed in. */
const TIME_TAGS = new Set(['TIME', 'SPAN', 'DIV', 'P', 'TD', 'B', 'STRONG', 'DT', 'LI', 'EM', 'SMALL']);

/** Elements whose own text is only a time or a time span: found from the text nodes, in one walk. */
function timeElements(doc: Document): Element[] {
  const out: Element[] = [];
  const body = doc.body;
  if (!body) return out;
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  let seen = 0;
  for (
    let node = walker.nextNode();
    node && out.length < MAX_TIMES && seen < 200_000;
    node = walker.nextNode()
  ) {
    seen++;
    const data = node.nodeValue ?? '';
    if (data.length > 40 || !/\d/.test(data)) continue;
    const el = node.parentElement;
    if (!el || !TIME_TAGS.has(el.tagName) || out[out.length - 1] === el) continue;
    const t = el.textContent ?? '';
    if (t.length <= 40 && TIME_ONLY.test(t)) out.push(el);
  }
  return out;
}

/** A code before a name in a heading ("1A-1"): the paper's number, its title being the line after. */
const PAPER_CODE = /^[A-Z0-9][\w.-]{0,7}$/;

/**
 * One heading of a block as a talk. Templates put the speaker in a `span` inside the heading
 * ("Keynote <span>Ada Lovelace</span>"), or the paper's number and authors there and its title in
 * the line after ("1A-1 <span>A, B</span>" then the title); else the line after is the speakers.
 */
function headingTalk(h: Element, timeSet: Set<Element>): { title: string; speakers: Speaker[] } {
  const copy = h.cloneNode(true) as Element;
  for (const a of copy.querySelectorAll('a[href], iframe')) if (isAsideLink(a)) a.remove();
  const inner = copy.querySelector('span, small');
  const innerText = text(inner, 500);
  if (inner && innerText) {
    inner.remove();
    const base = text(copy, 500);
    const next = h.nextElementSibling;
    if (base && PAPER_CODE.test(base) && next?.tagName === 'P' && text(next, 500))
      return { title: text(next, 500), speakers: speakersOf(innerText) };
    if (base) return { title: base, speakers: speakersOf(innerText) };
    return { title: '', speakers: [] };
  }
  const next = h.nextElementSibling;
  const line = next && !timeSet.has(next) && (next.textContent?.length ?? 0) <= 200 ? text(next, 200) : '';
  return { title: text(copy, 500), speakers: line ? speakersOf(line) : [] };
}

/** A link beside a title that is not the title: "Zoom link", "Watch video", "See program here". */
function isAsideLink(a: Element): boolean {
  return isMediaLink(a) || ASIDE_LABEL.test(cleanText(a.textContent, 100));
}

export function blockItems(doc: Document, dayOf: (el: Element) => Day | undefined): Item[] {
  const times = timeElements(doc).filter((t) => !t.closest('table')); // rows are read as rows
  const timeSet = new Set(times);
  // How many times each near ancestor holds, counted once up front (not per block).
  const held = new Map<Element, number>();
  for (const t of times) {
    let a = t.parentElement;
    for (let depth = 0; a && depth < 5; depth++, a = a.parentElement) held.set(a, (held.get(a) ?? 0) + 1);
  }
  const items: Item[] = [];
  for (const t of times) {
    let block: Element | null = t.parentElement;
    for (let depth = 0; block && depth < 5; depth++, block = block.parentElement) {
      if ((held.get(block) ?? 0) > 1) break; // this block holds other rows' times: too far up
      const first = block.querySelector('h2, h3, h4, h5');
      if (!first) continue;
      // Parallel talks of one time slot: every heading of the first one's level in the block.
      const headings = [...block.querySelectorAll(first.tagName)].slice(0, 8);
      const clock = findTimes(text(t, 60)).slice(0, 2);
      const day = dayOf(block);
      for (const h of headings) {
        const { title, speakers } = headingTalk(h, timeSet);
        if (title)
          items.push({ el: block, title, speakers, times: clock, day, level: Number(h.tagName.slice(1)) });
      }
      break;
    }
  }
  return items;
}

/** Blocks whose span holds later, lower-level blocks are sessions: they name those blocks' track. */
export function foldSessions(items: Item[]): Item[] {
  const sessions = new Set<Item>();
  items.forEach((s, i) => {
    const start = minutes(s.times[0]);
    const end = minutes(s.times[1]);
    if (end <= start) return;
    for (let j = i + 1; j < items.length; j++) {
      const t = items[j] as Item;
      const at = minutes(t.times[0]);
      if (at < start || at >= end || t.level <= s.level) break;
      t.track ??= s.title;
      sessions.add(s);
    }
  });
  return items.filter((s) => !sessions.has(s));
}
