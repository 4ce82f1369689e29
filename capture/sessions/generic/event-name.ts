/**
 * The event a talk page belongs to, by order of trust: the page's "Event:" label, its breadcrumbs,
 * a sentence that says where the talk was given ("This talk at the RMedicine 2021 Conference",
 * "speaking at JSConf EU 2018"), `og:site_name`, then the title's site suffix. The last three count
 * only when they read like an event (a year, or words such as Conference, Meetup, Summit, Con) and
 * are not a person's name: a personal site's name is not an event.
 */
import { cleanText } from '../../text';
import { isPersonName } from './byline';
import type { PageElements } from './page-elements';

export type EventSource = 'label' | 'breadcrumb' | 'text' | 'og' | 'title';

/** Words only events use (and years). */
const EVENT_WORDS =
  /(?:\b(?:19|20)\d{2}\b|\bconf\b|conference|konferenz|conférence|conferencia|congress|kongress|congrès|congreso|summit|meetup|meet-up|symposium|workshop|seminar|séminaire|seminario|forum|festival|\bfest\b|\bdays?\b|\btage\b|jornadas|\bcamp\b|hackathon|\btalks\b|meetings?\b|tagung|convention|\bexpo\b|\bweek\b)/i;
/** "PyCon", "JSConf", "DevCon": a -con name, which a surname can also be ("Bacon"). */
const CON_NAME = /(?:[a-z]con|conf)\b|\bcon\s+[A-Z]{2}\b/;

/** Whether a name reads like an event's: a year or an event word; a person-like name needs more than "-con". */
export function looksLikeEvent(raw: string): boolean {
  const name = cleanText(raw, 300);
  if (name.length < 3 || name.length > 200) return false;
  if (EVENT_WORDS.test(name)) return true;
  return CON_NAME.test(name) && !isPersonName(name);
}

/** Elements that may be a breadcrumb trail: a superset of what `breadcrumbs` takes, for the selector engine. */
const MAYBE_TRAIL =
  '[class*="breadcrumb" i], nav[aria-label*="breadcrumb" i], [itemtype*="BreadcrumbList" i]';

/** The breadcrumb trail's entries, first to last (the site's home left out). */
export function breadcrumbs(elements: PageElements): string[] {
  const trail = elements.select(MAYBE_TRAIL).find((el) => {
    const cls = (el.getAttribute('class') ?? '').toLowerCase();
    return (
      /(?:^|\s)breadcrumbs?(?:$|\s)/.test(cls) ||
      (el.tagName === 'NAV' && /breadcrumb/i.test(el.getAttribute('aria-label') ?? '')) ||
      /BreadcrumbList/.test(el.getAttribute('itemtype') ?? '')
    );
  });
  if (!trail) return [];
  const items = [...trail.querySelectorAll('li, a, [itemprop="name"]')].slice(0, 12);
  const out: string[] = [];
  for (const item of items) {
    const text = cleanText(item.textContent, 200);
    if (text && !out.includes(text) && !/^(?:home|start|inicio|accueil|startseite)$/i.test(text))
      out.push(text);
  }
  return out;
}

const SAID_AT =
  /\b(?:speaking|spoke|speaks|talking|talked|talk|presented|presenting|presentation|poster|lecture|keynote|session|gave|given|delivered|invited)\b(?:\s+\w+){0,3}?\s+(?:at|@)\s+(?:the\s+)?((?:(?:19|20)\d{2}\s+)?[\p{Lu}\d][\p{L}\d&'’.-]*(?:\s+(?:(?:on|of|for|in|and|de|del|des|du|für|&|the)\s+)?[\p{Lu}\d][\p{L}\d&'’.-]*){0,10})/u;

/** "This talk at the RMedicine 2021 Conference covers…" → "RMedicine 2021 Conference". */
export function eventFromText(...texts: string[]): string | undefined {
  for (const text of texts) {
    for (const sentence of text.slice(0, 3000).split(/(?<=[.!?])\s+/)) {
      const m = SAID_AT.exec(sentence);
      const name = m?.[1]?.replace(/[.,;:]+$/, '').trim();
      if (name && looksLikeEvent(name)) return name;
    }
  }
  return undefined;
}

/** The part of a document title after (or before) the talk's title: "Talk | PyCon 2017" → "PyCon 2017". */
export function titleSuffix(docTitle: string, talkTitle: string): string | undefined {
  const parts = cleanText(docTitle, 500)
    .split(/\s+[|·•–—-]\s+|\s+::\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return undefined;
  const rest = parts.filter((p) => p !== talkTitle && !talkTitle.includes(p));
  const last = rest[rest.length - 1];
  return last && last !== docTitle ? last : undefined;
}
