/**
 * The label words talk pages print before a value ("Speaker:", "Referent", "Ponente", "Date"), in
 * English, German, French and Spanish (and the Italian a few seminar sites use). A label is matched
 * whole, case-insensitively, after dropping a trailing colon and a "(s)".
 */

export type LabelField =
  | 'speakers'
  | 'title'
  | 'event'
  | 'date'
  | 'time'
  | 'room'
  | 'track'
  | 'slides'
  | 'video'
  | 'location'
  | 'abstract'
  /** A label that names something else (sponsors, organisers, moderators): its value is never a speaker. */
  | 'other';

const WORDS: Record<LabelField, readonly string[]> = {
  speakers: [
    'speaker',
    'speakers',
    'presenter',
    'presenters',
    'presented by',
    'by',
    'talk by',
    'lecturer',
    'referent',
    'referentin',
    'referenten',
    'referent:innen',
    'sprecher',
    'sprecherin',
    'vortragende',
    'vortragender',
    'redner',
    'rednerin',
    'intervenant',
    'intervenante',
    'intervenants',
    'intervenant·e·s',
    'conférencier',
    'conférencière',
    'conférenciers',
    'orateur',
    'oratrice',
    'présenté par',
    'ponente',
    'ponentes',
    'orador',
    'oradora',
    'conferenciante',
    'presentado por',
    'relatore',
    'relatrice',
    'relatori',
  ],
  title: ['title', 'talk title', 'session title', 'titel', 'titre', 'título', 'titolo', 'thema'],
  event: [
    'event',
    'conference',
    'meetup',
    'veranstaltung',
    'konferenz',
    'tagung',
    'événement',
    'evenement',
    'conférence',
    'congrès',
    'evento',
    'congreso',
    'conferencia',
    'convegno',
  ],
  date: [
    'date',
    'day',
    'datum',
    'tag',
    'fecha',
    'día',
    'dia',
    'jour',
    'data',
    'giorno',
    'when',
    'wann',
    'quand',
    'cuándo',
  ],
  time: ['time', 'uhrzeit', 'zeit', 'heure', 'horaire', 'hora', 'horario', 'ora', 'orario', 'slot'],
  room: ['room', 'raum', 'saal', 'salle', 'sala', 'hall', 'stage', 'aula'],
  location: ['location', 'venue', 'where', 'ort', 'wo', 'lieu', 'lugar', 'luogo', 'place'],
  track: [
    'track',
    'tracks',
    'session type',
    'format',
    'type',
    'category',
    'kategorie',
    'catégorie',
    'categoría',
    'track / format',
    'thème',
    'tema',
    'formato',
  ],
  slides: [
    'slides',
    'slide deck',
    'deck',
    'presentation',
    'folien',
    'präsentation',
    'diapositives',
    'diapos',
    'transparents',
    'présentation',
    'diapositivas',
    'presentación',
    'diapositive',
  ],
  video: [
    'video',
    'videos',
    'recording',
    'recordings',
    'watch',
    'vidéo',
    'enregistrement',
    'aufzeichnung',
    'mitschnitt',
    'grabación',
    'vídeo',
    'registrazione',
    'replay',
  ],
  abstract: ['abstract', 'summary', 'zusammenfassung', 'résumé', 'resumen', 'sommario', 'riassunto'],
  other: [
    'sponsor',
    'sponsors',
    'sponsored by',
    'partner',
    'partners',
    'organizer',
    'organizers',
    'organiser',
    'organisers',
    'organized by',
    'host',
    'hosts',
    'hosted by',
    'moderator',
    'moderators',
    'chair',
    'session chair',
    'contact',
    'price',
    'tickets',
    'description',
    'bio',
  ],
};

const INDEX = new Map<string, LabelField>();
for (const [field, words] of Object.entries(WORDS) as [LabelField, readonly string[]][]) {
  for (const w of words) INDEX.set(w, field);
}

/** Longest text taken for a label. */
export const MAX_LABEL = 40;

/** Normalises a label as printed: "Speaker(s):" → "speakers", "  Date : " → "date". */
export function normalizeLabel(raw: string): string {
  return raw
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/\s*[:：]\s*$/, '')
    .replace(/\(s\)$/i, 's')
    .replace(/^[^\p{L}]+/u, '')
    .toLowerCase();
}

/**
 * Answers already given, by text as printed: a page repeats its short texts (a bold word in each of
 * 500 paragraphs) and normalising one costs four regular-expression passes. Bounded; cleared when full.
 */
const ANSWERED = new Map<string, LabelField | null>();
const MAX_ANSWERED = 5_000;

/** The field a label names, or undefined when the text is not a label Talkmarks knows. */
export function labelField(raw: string | null | undefined): LabelField | undefined {
  if (!raw || raw.length > MAX_LABEL) return undefined;
  let field = ANSWERED.get(raw);
  if (field === undefined) {
    field = INDEX.get(normalizeLabel(raw)) ?? null;
    if (ANSWERED.size >= MAX_ANSWERED) ANSWERED.clear();
    ANSWERED.set(raw, field);
  }
  return field ?? undefined;
}

/** Values that stand for "not known yet": a label followed by one of these gives nothing. */
const PLACEHOLDER =
  /^(?:tba|tbd|tbc|n\/?a|none|null|undefined|unknown|\?+|[-–—]+|to be (?:announced|confirmed|determined)|coming soon|wird bekannt ?gegeben|folgt|à (?:confirmer|venir|définir)|por (?:confirmar|definir|anunciar)|próximamente|da (?:definire|confermare))\.?$/i;

/** True when a value is a placeholder ("TBA", "to be announced", "—"). */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.replace(/[\s\u00a0]+/g, ' ').trim());
}
