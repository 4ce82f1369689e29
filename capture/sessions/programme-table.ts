/**
 * Programme tables: rows that start with a clock time ("13:10", "8:30 am - 9:30 am"). The title is
 * the row's last cell with text (its bold lead, else its text without the italic or small secondary
 * line, which holds the speakers or authors); a header row naming rooms makes each cell under it a
 * talk in that room.
 */
import { cleanText } from '../text';
import { findDate, findTimes } from './datetext';
import { type Day, type Item, isMediaLink, mediaOf, speakersOf, text } from './programme-items';

/** A clock time at the start of a text: "13:10", "9.30", "10h00", "8:30 am", "2 pm". */
const TIME_START =
  /^\s*(?:\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?=$|[\s\-–—~/]|[^\w])/i;
/** Column headers that name rooms in a day grid (any header that is not one of these labels names a room). */
const NOT_A_ROOM =
  /^(?:time|times|hour|hours|heure|horaire|zeit|uhrzeit|hora|when|start|end|event|events|title|talk|talks|session|sessions|speakers?|presenters?|authors?|activity|activities|what|who|details?|description|type|programme|program|agenda|topic)\b/i;
/** Elements that hold a secondary line (speakers, authors, format) in a title cell. */
const SECONDARY = '.font-italic, em, i, small, .speaker, .speakers, .authors, .author, br ~ span';
const MAX_TABLES = 100;
const MAX_ROWS = 400;

/** A cell's title: its bold lead, else its text without secondary lines and bracketed links. */
function cellTitle(cell: Element): string {
  const first = cell.firstElementChild;
  if (first && /^(?:STRONG|B)$/.test(first.tagName) && !cell.firstChild?.nodeValue?.trim()) {
    return cleanText(first.textContent, 500).replace(/[;:,]$/, '');
  }
  // The cell's text without its secondary lines and media links, read in one walk (no copy of the cell).
  const parts: string[] = [];
  const walk = (el: Element, depth: number) => {
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === 3) parts.push(n.nodeValue ?? '');
      else if (n.nodeType === 1 && depth < 20) {
        const child = n as Element;
        if (child.tagName === 'BR') parts.push(' ');
        else if (!child.matches(SECONDARY) && !(child.matches('iframe, a[href]') && isMediaLink(child)))
          walk(child, depth + 1);
      }
    }
  };
  walk(cell, 0);
  return cleanText(parts.join('').replace(/\[[^\]]*\]/g, ' '), 500).replace(/[;:,]$/, '');
}

function secondaryText(cell: Element): string {
  return [...cell.querySelectorAll(SECONDARY)].map((s) => s.textContent ?? '').join(', ');
}

function rowCells(tr: Element): Element[] {
  return [...tr.children].filter((c) => c.tagName === 'TD' || c.tagName === 'TH');
}

/** Room names from a table's header row (a day grid), by column. */
function roomColumns(table: Element): Map<number, string> {
  const rooms = new Map<number, string>();
  const head = table.querySelector('thead tr') ?? table.querySelector('tr');
  if (!head) return rooms;
  const cells = rowCells(head);
  if (cells.length < 3 || !cells.every((c) => c.tagName === 'TH')) return rooms;
  cells.forEach((c, i) => {
    const name = text(c, 200);
    if (i > 0 && name && !NOT_A_ROOM.test(name) && !findDate(name)) rooms.set(i, name);
  });
  return rooms.size >= 2 ? rooms : new Map();
}

export function tableItems(doc: Document, base: string, dayOf: (el: Element) => Day | undefined): Item[] {
  const items: Item[] = [];
  let rows = 0;
  for (const table of [...doc.querySelectorAll('table')].slice(0, MAX_TABLES)) {
    if (table.querySelector('table')) continue; // a layout table: its inner tables are read
    const headText = text(table.querySelector('thead, caption'), 300);
    const headDate = headText ? findDate(headText) : undefined;
    const day = headDate ? { y: headDate.y, mo: headDate.mo, d: headDate.d } : dayOf(table);
    const rooms = roomColumns(table);
    for (const tr of table.querySelectorAll('tr')) {
      if (++rows > MAX_ROWS) return items;
      const cells = rowCells(tr);
      const at = cells.findIndex((c) => TIME_START.test(c.textContent ?? ''));
      if (at < 0 || at > 1) continue;
      const times = findTimes(text(cells[at], 100)).slice(0, 2);
      if (times.length === 0) continue;
      const rest = cells.slice(at + 1);
      if (rooms.size > 0) {
        rest.forEach((cell, k) => {
          const room = rooms.get(at + 1 + k);
          const title = cellTitle(cell);
          if (!room || !title) return;
          items.push({
            el: cell,
            title,
            speakers: speakersOf(secondaryText(cell)),
            times,
            day,
            room,
            level: 9,
            url: linkOf(cell, base, title),
            ...mediaOf(cell, base),
          });
        });
        continue;
      }
      let cell: Element | undefined;
      let title = '';
      for (let k = rest.length - 1; k >= 0 && !title; k--) {
        cell = rest[k];
        title = cell ? cellTitle(cell) : '';
        if (/^\(.*\)$/.test(title)) title = ''; // "(Chairs)": a note on the row, not its title
      }
      if (!cell || !title) continue;
      items.push({
        el: tr,
        title,
        speakers: speakersOf(secondaryText(cell)),
        times,
        day,
        level: 9,
        url: linkOf(cell, base, title),
        ...mediaOf(cell, base),
      });
    }
  }
  return items;
}

/** The link the title itself is (the talk's page, or its paper); a "Zoom link" beside it is not the talk. */
function linkOf(el: Element, base: string, title: string): string | undefined {
  const a = [...el.querySelectorAll('a[href]')].find((x) => text(x, 500) === title);
  if (!a) return undefined;
  try {
    const u = new URL(a.getAttribute('href') ?? '', base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
