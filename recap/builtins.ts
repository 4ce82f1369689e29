/**
 * The built-in templates (Liquid, as Jekyll uses it). Their ids are fixed, so a recap saved with
 * one keeps it across versions; users copy one to make their own. Reference: docs/templates.md.
 */
import type { RecapFocus } from './model';

export interface BuiltinTemplate {
  id: string;
  name: string;
  description: string;
  source: string;
  /** What the post is about (its default title, the notes its tag lines count); default `notes`. */
  focus?: RecapFocus;
}

const INTRO = `# {{ recap.title }}
{% if recap.intro != "" %}

{{ recap.intro }}
{% endif %}`;

const CLOSING = `
{% if recap.outro != "" %}

{{ recap.outro }}
{% endif %}
{% if recap.links_list != "" %}

{{ recap.links_list }}
{% endif %}
{% if recap.tags.size > 0 %}

Tagged: {{ recap.tags | join: ", " }}
{% endif %}
`;

/** A talk is a paragraph: its first mention, then its notes as sentences (docs/templates.md). */
const DAY_POST = `${INTRO}
{%- for talk in recap.talks %}

{% if forloop.first %}First, {% else %}Then {% endif %}{{ talk.mention }}.{% for s in talk.sentences %} {{ s }}{% endfor %}{% if talk.links_list != "" %}

{{ talk.links_list }}{% endif %}
{%- endfor %}
{%- for group in recap.moment_groups %}

{{ group.opener }}: {{ group.sentences | join: " " }}
{%- endfor %}
${CLOSING}`;

const DAY_ONE = `${INTRO}
{%- for item in recap.story %}

{% if item.kind == "talk" %}{% if item.first %}First, {% else %}Then {% endif %}{{ item.talk.mention }}.{% for s in item.talk.sentences %} {{ s }}{% endfor %}{% if item.talk.links_list != "" %}

{{ item.talk.links_list }}{% endif %}{% else %}{{ item.opener }}: {{ item.sentences | join: " " }}{% endif %}
{%- endfor %}
${CLOSING}`;

const TAKEAWAYS_BY_THEME = `${INTRO}
{%- for theme in recap.themes %}

## {{ theme.name }}

{{ theme.paragraph }}
{%- endfor %}
${CLOSING}`;

const DAY_RECAP = `# {{ recap.title }}
{% if recap.intro != "" %}

{{ recap.intro }}
{% endif %}
{%- for talk in recap.talks %}

## {{ talk.title }}
{% if talk.byline != "" or talk.slides_url != "" %}

{{ talk.byline }}{% if talk.slides_url != "" %}{% if talk.byline != "" %} · {% endif %}[Slides]({{ talk.slides_url }}){% endif %}
{% endif %}

{% for note in talk.notes %}{% if note.text != "" %}
- {{ note.line }}{% if note.thumbnail != "" %}
  ![Slide{% if note.slide %} {{ note.slide.label }}{% endif %}]({{ note.thumbnail }}){% endif %}
{%- endif %}{% endfor %}
{% if talk.links_list != "" %}

{{ talk.links_list }}
{% endif %}
{% endfor %}
{% if recap.moments.size > 0 %}

## Also today

{% for note in recap.moments %}{% if note.text != "" %}
- {{ note.line }}
{%- endif %}{% endfor %}
{% endif %}
{% if recap.outro != "" %}

{{ recap.outro }}
{% endif %}
{% if recap.links_list != "" %}

{{ recap.links_list }}
{% endif %}
{% if recap.tags.size > 0 %}

Tagged: {{ recap.tags | join: ", " }}
{% endif %}
`;

const MY_TAKEAWAYS = `# {{ recap.title }}
{% if recap.intro != "" %}

{{ recap.intro }}
{% endif %}
{% assign moment_takeaways = recap.moments | where: "kind", "takeaway" %}

{% if recap.takeaways.size > 0 or moment_takeaways.size > 0 %}{% for note in recap.takeaways %}
- {{ note.text | default: note.body }} — *{{ note.talk_title }}*
{%- endfor %}{% for note in moment_takeaways %}
- {{ note.text | default: note.body }}
{%- endfor %}{% else %}{% for talk in recap.talks %}{% for note in talk.notes %}{% if note.text != "" %}
- {{ note.text }} — *{{ talk.title }}*
{%- endif %}{% endfor %}{% endfor %}{% for note in recap.moments %}{% if note.text != "" %}
- {{ note.text }}
{%- endif %}{% endfor %}{% endif %}
{% if recap.outro != "" %}

{{ recap.outro }}
{% endif %}
{% if recap.links_list != "" %}

{{ recap.links_list }}
{% endif %}
{% if recap.tags.size > 0 %}

Tagged: {{ recap.tags | join: ", " }}
{% endif %}
`;

const TALK_NOTES = `{% for talk in recap.talks %}
# {{ talk.title }}

{% if talk.speaker_links != "" %}**Speakers:** {{ talk.speaker_links }}  
{% endif %}{% if talk.weekday != "" %}**When:** {{ talk.weekday }} {{ talk.day }}{% if talk.time != "" %}, {{ talk.time }}{% endif %}  
{% endif %}{% if talk.room != "" %}**Where:** {{ talk.room }}{% if recap.event %}, {{ recap.event.name }}{% endif %}  
{% endif %}{% if talk.slides_url != "" %}[Slides]({{ talk.slides_url }}) {% endif %}{% if talk.video_url != "" %}[Video]({{ talk.video_url }}) {% endif %}{% if talk.url != "" %}[Session page]({{ talk.url }}){% endif %}

{% if talk.abstract != "" %}
{{ talk.abstract }}
{% endif %}
{% if recap.intro != "" %}

{{ recap.intro }}
{% endif %}
{% if talk.takeaways.size > 0 %}

## Takeaways

{% for note in talk.takeaways %}{% if note.text != "" %}
- {{ note.text }}{% if note.slide %} (slide {{ note.slide.label }}){% endif %}{% endif %}{% endfor %}
{% endif %}
{% if talk.others.size > 0 %}

## Notes

{% for note in talk.others %}{% if note.text != "" %}
- {% if note.slide %}**Slide {{ note.slide.label }}:** {% endif %}{% if note.time_label != "" %}[{{ note.time_label }}] {% endif %}{{ note.text }}{% endif %}{% endfor %}
{% endif %}
{% if talk.quotes.size > 0 %}

## Quotes

{% for note in talk.quotes %}
> {{ note.text | default: note.body }}{{ note.slide_ref }}

{% endfor %}
{% endif %}
{% if talk.questions.size > 0 %}

## Questions

{% for note in talk.questions %}{% if note.text != "" %}
- {{ note.text }}{% endif %}{% endfor %}
{% endif %}
{% if talk.links_list != "" %}

{{ talk.links_list }}
{% endif %}
{% endfor %}
{% if recap.moments.size > 0 %}

# Also today

{% for note in recap.moments %}{% if note.text != "" %}
- {{ note.line }}{% endif %}{% endfor %}
{% endif %}
{% if recap.outro != "" %}

{{ recap.outro }}
{% endif %}
{% if recap.links_list != "" %}

{{ recap.links_list }}
{% endif %}
{% if recap.tags.size > 0 %}

Tagged: {{ recap.tags | join: ", " }}
{% endif %}
`;

const SLIDES_DIGEST = `# {{ recap.title }}
{% if recap.intro != "" %}

{{ recap.intro }}
{% endif %}
{% for talk in recap.talks %}

## {{ talk.title }}
{% if talk.byline != "" or talk.slides_url != "" %}

{{ talk.byline }}{% if talk.slides_url != "" %}{% if talk.byline != "" %} · {% endif %}[Slides]({{ talk.slides_url }}){% endif %}
{% endif %}
{% for slide in talk.slides %}

### Slide {{ slide.label }}{% if slide.title != "" %}: {{ slide.title }}{% endif %}
{% if slide.thumbnail != "" %}

![Slide {{ slide.label }}]({{ slide.thumbnail }})
{% endif %}

{% for note in slide.notes %}{% if note.text != "" %}
- {{ note.text }}{% endif %}{% endfor %}
{% endfor %}
{% if talk.unanchored.size > 0 %}

### Other notes

{% for note in talk.unanchored %}{% if note.text != "" %}
- {{ note.text }}{% endif %}{% endfor %}
{% endif %}
{% if talk.links_list != "" %}

{{ talk.links_list }}
{% endif %}
{% endfor %}
{% if recap.moments.size > 0 %}

## Also today

{% for note in recap.moments %}{% if note.text != "" %}
- {{ note.text }}{{ note.slide_ref }}{% endif %}{% endfor %}
{% endif %}
{% if recap.outro != "" %}

{{ recap.outro }}
{% endif %}
{% if recap.links_list != "" %}

{{ recap.links_list }}
{% endif %}
{% if recap.tags.size > 0 %}

Tagged: {{ recap.tags | join: ", " }}
{% endif %}
`;

export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [
  {
    id: 'builtin:day-post',
    name: 'Day post',
    description:
      "A paragraph per talk in the order attended, your notes as its sentences, the day's moments by part of the day, a closing tag line.",
    source: DAY_POST,
  },
  {
    id: 'builtin:day-one',
    name: 'Day one',
    description: "The day as it happened: talks and the day's moments in one story, by time.",
    source: DAY_ONE,
  },
  {
    id: 'builtin:takeaways-by-theme',
    name: 'Takeaways by theme',
    description:
      'A paragraph per theme (your tags, or the themes you choose), citing the talks and speakers.',
    source: TAKEAWAYS_BY_THEME,
  },
  {
    // The id predates the name: saved recaps keep this template.
    id: 'builtin:day-recap',
    name: 'Talk notes (bullets)',
    description:
      'A section per talk: speakers, time, room, slides link, key points; the day\'s other notes under "Also today"; a closing tag line.',
    source: DAY_RECAP,
  },
  {
    id: 'builtin:my-takeaways',
    name: 'My takeaways',
    description: "One list of takeaways across all talks (each naming its talk) and the day's other notes.",
    source: MY_TAKEAWAYS,
    focus: 'takeaways',
  },
  {
    id: 'builtin:talk-notes',
    name: 'Talk notes',
    description: 'One talk in depth: details, abstract, takeaways, notes by slide, quotes, questions.',
    source: TALK_NOTES,
  },
  {
    id: 'builtin:slides-digest',
    name: 'Slides digest',
    description: 'Notes slide by slide, with slide thumbnails (downloads as a .zip with its images).',
    source: SLIDES_DIGEST,
  },
];

export const DEFAULT_TEMPLATE_ID = 'builtin:day-post';

/** A built-in template by id. */
export function builtinTemplate(id: string): BuiltinTemplate | undefined {
  return BUILTIN_TEMPLATES.find((t) => t.id === id);
}

/** What a template's post is about: a built-in's focus, also for a user's unchanged copy of it. */
export function focusOf(source: string): RecapFocus {
  return BUILTIN_TEMPLATES.find((t) => t.source === source)?.focus ?? 'notes';
}
