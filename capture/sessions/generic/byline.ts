/**
 * Speakers a talk page names outside its labels: a byline under the title ("By Ada Lovelace",
 * the author list of a Hugo talk page), elements the page marks as a speaker's name, `rel=author`
 * links in the title block, the person a seminar announcement's title names ("Seminar in Trieste:
 * Ian Melbourne", "Bruin's seminar in Pisa" with "Henk Bruin" in its first lines), and the page's
 * author metadata only when it is a person other than the site itself. Never invented: a name is
 * taken only where the page prints it.
 */
import { cleanText } from '../../text';
import { shownText } from './label-values';
import type { PageElements } from './page-elements';

/** An element's text without the CSS and scripts some frameworks put inline. */
export function visibleText(el: Element, max = 400): string {
  let text = '';
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* SHOW_TEXT */);
  for (let n = walker.nextNode(); n && text.length < max; n = walker.nextNode()) {
    const tag = n.parentElement?.tagName;
    if (tag !== 'STYLE' && tag !== 'SCRIPT') text += n.nodeValue ?? '';
  }
  return cleanText(text, max);
}

/** Words that make a "name" an organisation, a place or a role rather than a person. */
const NOT_A_PERSON =
  /\b(?:university|universität|université|universidad|università|univ|inc|ltd|llc|gmbh|corp|corporation|company|co|ag|sa|s\.a|institute|institut|instituto|istituto|lab|labs|laboratory|school|college|foundation|group|team|department|dept|programs?|office|center|centre|society|association|committee|staff|admin|administrator|editor|editors|organizers?|organisers?|sponsors?|community|club|meetup|conference|conf|summit|symposium|workshop|seminars?|colloquium|forum|festival|hackathon|congress|talks|tech|series|podcast|channel|media|news|press|blog|website|official|tba|tbd|speaker|speakers|various)\b/i;
/** Particles that may stay lower case inside a name. */
const PARTICLE =
  /^(?:de|da|das|do|dos|del|della|der|den|di|du|la|le|van|von|zu|y|e|bin|ibn|al|el|ten|ter|st\.?)$/i;

/**
 * Whether `name` reads like a person's name: two to five words, capitalised (particles aside), no
 * digits, no organisation words; or a name in a script without letter case (2–20 characters).
 */
export function isPersonName(raw: string): boolean {
  const name = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s[“"«'‘][^”"»'’]{1,30}[”"»'’]\s/g, ' '); // a quoted nickname: Doug “c00p3r” Copeland
  if (name.length < 2 || name.length > 80 || /\d|@|https?:|[<>{}[\]|/\\]/.test(name)) return false;
  if (NOT_A_PERSON.test(name)) return false;
  if (!/[A-Za-zÀ-ɏ]/.test(name)) return /^[\p{L}\p{M}\s・·'’.-]{2,20}$/u.test(name);
  const words = name.split(' ');
  if (words.length < 2 || words.length > 5) return false;
  return words.every(
    (w) =>
      PARTICLE.test(w) ||
      /^[\p{Lu}][\p{L}\p{M}'’.-]*$/u.test(w) ||
      /^[\p{Lu}]\.$/u.test(w) ||
      /^[“"«].+[”"»]$/u.test(w),
  );
}

/** Names from a byline or label value: "A, B and C", "A (Univ X)", "A, Company Inc., City". */
export function namesFrom(raw: string, linkTexts: readonly string[] = []): string[] {
  const linked = linkTexts.map((t) => cleanText(t, 120)).filter(isPersonName);
  if (linked.length) return linked;
  const text = cleanText(raw, 500)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/^(?:by|von|par|por|di|presented by|with|con|mit|avec)\s+/i, '');
  const out: string[] = [];
  for (const piece of text.split(/\s*(?:[,;|·•&]|\s+(?:and|und|et|y|e)\s+)\s*/)) {
    const name = piece.trim();
    if (isPersonName(name)) out.push(name);
  }
  return out;
}

const OFF_PAGE =
  'nav, footer, aside, [role="navigation"], [role="contentinfo"], [class*="sidebar" i], [class*="related" i], [class*="comment" i]';

/**
 * Elements that may mark a speaker, for the selector engine: every element the test in
 * `markedSpeakers` takes has one of these (its class lower-cased holds "speaker" or "presenter-name").
 */
const MAYBE_SPEAKER = '[class*="speaker" i], [class*="presenter-name" i], [itemprop="performer" i]';

/** Speaker-name elements a page marks up (`.speaker-name`, `.speaker .name`, schema.org `performer`). */
export function markedSpeakers(elements: PageElements): string[] {
  const out: string[] = [];
  for (const el of elements.select(MAYBE_SPEAKER)) {
    const cls = (el.getAttribute('class') ?? '').toLowerCase();
    const prop = el.getAttribute('itemprop');
    let nameEl: Element | null = null;
    if (/speaker-?_?name|presenter-name/.test(cls)) nameEl = el;
    else if (cls.includes('speaker') && !cls.includes('speakers-list'))
      nameEl = el.querySelector('.name, [itemprop="name"]');
    else if (prop === 'performer') nameEl = el.querySelector('[itemprop="name"]');
    if (!nameEl || nameEl.closest(OFF_PAGE)) continue;
    const name = cleanText(nameEl.textContent, 120);
    if (isPersonName(name) && !out.includes(name)) out.push(name);
    if (out.length >= 20) break;
  }
  return out;
}

/** The elements right after the title heading (its byline block), at most `n`. */
function afterTitle(title: Element, n = 4): Element[] {
  const out: Element[] = [];
  let node: Element | null = title;
  for (let depth = 0; node && depth < 3 && out.length < n; depth++, node = node.parentElement) {
    for (let sib = node.nextElementSibling; sib && out.length < n; sib = sib.nextElementSibling)
      out.push(sib);
  }
  return out;
}

/** A byline right under the title: "By Ada Lovelace", or the author links of a Hugo talk page. */
export function bylineSpeakers(title: Element | null): string[] {
  if (!title) return [];
  for (const el of afterTitle(title)) {
    if (/^H[1-3]$/.test(el.tagName)) break;
    if (el.getElementsByTagName('*').length > 40) continue; // the page's body, not its byline
    const authors = el.matches('.article-metadata, [class*="author" i], [itemprop="author"]')
      ? [el]
      : [
          ...el.querySelectorAll(
            '.article-metadata, [class*="author" i], [itemprop="author"], [rel~="author"]',
          ),
        ].slice(0, 5);
    for (const box of authors) {
      const links = [...box.querySelectorAll('a[href*="/author"], a[rel~="author"], [itemprop="name"]')].map(
        (a) => a.textContent ?? '',
      );
      const names = links.length ? links.map((t) => cleanText(t, 120)).filter(isPersonName) : [];
      if (names.length) return names;
      if (box.matches('[class*="author" i], [itemprop="author"], [rel~="author"]')) {
        const one = cleanText(box.textContent, 120);
        if (isPersonName(one)) return [one];
      }
    }
    const text = cleanText(shownText(el), 300); // a name the page hides is not its byline
    const by = /^(?:by|von|par|por|di|presented by|speaker:?)\s+(.+)$/i.exec(text);
    if (by?.[1]) {
      const names = namesFrom(by[1].split(/\s+(?:in|am|on|at|le|el|il)\s+|\s[·|–—]\s/)[0] ?? '');
      if (names.length) return names;
    }
  }
  return [];
}

/**
 * The person a seminar announcement's title names: "Seminar in Trieste: Ian Melbourne", "Talk by Ada
 * Lovelace" (taken as printed when `printed`, the title being the page's heading, else only when the
 * page's first lines repeat it), "Bruin's seminar in Pisa" (the full name from the first lines).
 */
export function speakerFromTitle(title: string, lead: string, printed = false): string[] {
  const t = cleanText(title, 300);
  const colon =
    /^(?:seminar|talk|lecture|keynote|colloquium|vortrag|séminaire|seminario|charla|conférence|webinar)\b[^:]{0,60}:\s*(.+)$/i.exec(
      t,
    );
  const by = /\b(?:talk|seminar|lecture|keynote|colloquium|webinar) by ([^,:;|]+)/i.exec(t);
  for (const m of [colon, by]) {
    const name = m?.[1]?.trim();
    if (name && isPersonName(name) && (printed || lead.includes(name))) return [name];
  }
  const own = /^([\p{Lu}][\p{L}'’-]+)['’]s\s+(?:seminar|talk|lecture|keynote|colloquium|webinar)\b/iu.exec(t);
  const surname = own?.[1];
  if (surname) {
    const full = new RegExp(`((?:[\\p{Lu}][\\p{L}.'’-]*[ \\u00a0]+){1,3}${surname})(?![\\p{L}])`, 'u').exec(
      lead,
    );
    if (full?.[1] && isPersonName(full[1])) return [full[1]];
  }
  return [];
}

/**
 * A bold or linked name in the page's first paragraphs that the title also names ("Armon Dadgar on
 * Bloom Filters" and "<strong>Armon Dadgar</strong> from HashiCorp…").
 */
export function leadSpeakers(root: Element, title: string): string[] {
  if (!title) return [];
  const out: string[] = [];
  const ps = root.getElementsByTagName('p');
  for (let i = 0; i < Math.min(ps.length, 4); i++) {
    const p = ps[i] as Element;
    if (p.closest(OFF_PAGE)) continue;
    for (const el of [...p.querySelectorAll('strong, b, a')].slice(0, 6)) {
      const name = cleanText(el.textContent, 120);
      if (isPersonName(name) && title.includes(name) && !out.includes(name)) out.push(name);
    }
    if (out.length) break;
  }
  return out;
}

/**
 * Speaker cards without a class name to go by: a portrait whose `alt` is a person's name, printed
 * again right beside it (`<img alt="Atsushi Morimoto">` then "Atsushi Morimoto"). At most four.
 */
export function portraitSpeakers(root: Element): string[] {
  const out: string[] = [];
  const imgs = root.getElementsByTagName('img');
  for (let i = 0; i < Math.min(imgs.length, 60); i++) {
    const img = imgs[i] as Element;
    if (!img.hasAttribute('alt')) continue;
    if (img.closest(OFF_PAGE)) continue;
    const alt = cleanText(img.getAttribute('alt'), 120).replace(
      /^(?:photo|portrait|picture|avatar|image)\s+of\s+/i,
      '',
    );
    if (!isPersonName(alt)) continue;
    // the name printed within the next few elements after the picture's box
    let box: Element | null = img;
    let printed = false;
    for (let depth = 0; box && depth < 3 && !printed; depth++, box = box.parentElement) {
      let sib = box.nextElementSibling;
      for (let i = 0; sib && i < 3 && !printed; sib = sib.nextElementSibling) {
        if (sib.tagName === 'STYLE' || sib.tagName === 'SCRIPT') continue;
        printed = visibleText(sib).startsWith(alt);
        i++;
      }
    }
    if (printed && !out.includes(alt)) out.push(alt);
    if (out.length > 4) return [];
  }
  return out;
}

/** Two to four capitalised words (particles between): a name as a sentence prints it. */
const NAME_WORDS = String.raw`\p{Lu}(?:\.|[\p{L}'’-]+)(?:[ \t]+(?:(?:de|del|da|van|von|der|la|le|di)[ \t]+)?\p{Lu}(?:\.|[\p{L}'’-]+)){1,3}`;
/**
 * Sentences that say who gave the talk: "The talk was given by Ada Lovelace", "The speaker was …",
 * "gehalten von …", "présenté par …", "impartida por …", and a meetup post's "Carlos González nos
 * habló sobre …" / "… nous a parlé de …". Only these forms: a sentence that merely names someone is
 * not a byline.
 */
const SAID_BY: readonly RegExp[] = [
  /\b(?:talk|seminar|lecture|presentation|session|keynote|colloquium|webinar|workshop)\s+(?:was|is|will be)\s+(?:given|presented|delivered|led)\s+by\s+/giu,
  /\b(?:the\s+)?speaker\s+(?:was|is|will be)\s+/giu,
  /\b(?:gehalten|präsentiert|vorgestellt)\s+von\s+/giu,
  /\b(?:présentée?s?|animée?s?|donnée?s?)\s+par\s+/giu,
  /\b(?:impartid[oa]s?|dictad[oa]s?|presentad[oa]s?)\s+por\s+/giu,
];
/** The name right after a lead-in (matched case-sensitively: a name is capitalised). */
const NAME_AT = new RegExp(`^(${NAME_WORDS})`, 'u');
/** A name as the subject of "nos habló" / "nous a parlé". */
const SUBJECT_SAYS: readonly RegExp[] = [
  new RegExp(
    `(${NAME_WORDS})\\s+nos\\s+(?:habl[óo]|hablar[áa]|present[óo]|presentar[áa]|cont[óo]|contar[áa]|enseñ[óo]|enseñar[áa])(?![\\p{L}])`,
    'u',
  ),
  new RegExp(
    `(${NAME_WORDS})\\s+nous\\s+(?:a|avait|va)\\s+(?:parlé|présenté|expliqué|parler|présenter)(?![\\p{L}])`,
    'u',
  ),
];

/** The speaker a sentence of the page's lead names as the one who gave the talk, if any. */
export function sentenceSpeakers(lead: string): string[] {
  const text = lead.slice(0, 1500).replace(/[ \t\u00a0]+/g, ' ');
  for (const re of SAID_BY) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const name = NAME_AT.exec(text.slice(m.index + m[0].length))?.[1]?.trim();
      if (name && isPersonName(name)) return [name];
    }
  }
  for (const re of SUBJECT_SAYS) {
    const name = re.exec(text)?.[1]?.trim();
    if (name && isPersonName(name)) return [name];
  }
  return [];
}
