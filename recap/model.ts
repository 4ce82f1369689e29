/**
 * The recap model: what a template sees. Every string in it is already safe Markdown for where a
 * template puts it — plain text escaped, note bodies kept as inline Markdown without raw HTML,
 * URLs limited to http(s) and encoded for a link destination — so no template can produce
 * broken Markdown from what the user typed.
 */

import { dayZone } from '../storage/day-notes';
import { longDate, weekdayOf } from './dates';
import {
  DEFAULT_TALK_OPTIONS,
  defaultTitle,
  type RecapInput,
  recapDay,
  recapTags,
  selectMoments,
  selectNotes,
  withoutPrivate,
} from './input';
import { escapeMarkdown, hasText, markdownBlock, safeUrl } from './markdown';
import type { LinkModel, RecapModel } from './model-types';
import { rememberedNoteModel } from './note-cache';
import { momentGroups, story, themeNames, themeParagraphs } from './prose';
import { rememberedTalkModel } from './talk-cache';
import {
  lazy,
  linksList,
  mentionedLinks,
  noteModel,
  pictureOf,
  talkModel,
  talkTime,
  withPicture,
} from './talk-model';

export * from './input';
export type * from './model-types';
export { joinNames, linksList, slidesUrlOf } from './talk-model';

/** Builds what templates see from talks, notes and the recap's own fields. */
export function buildRecapModel(input: RecapInput): RecapModel {
  input = withoutPrivate(input);
  const day = recapDay(input);
  const zone = input.zone ?? dayZone(input.event);
  // An unchanged talk is the same model object as last time (recap/talk-cache.ts).
  const talks = input.talks.map((t) => rememberedTalkModel(t, input, zone, () => talkModel(t, input, zone)));
  const momentRecords = selectMoments(input.moments);
  const moments = momentRecords.map((n) => {
    const args = ['', '', zone, '', pictureOf(input, n)] as const;
    return rememberedNoteModel(n, args, () => noteModel(n, ...args));
  });
  const event = input.event
    ? {
        name: escapeMarkdown(input.event.name),
        url: safeUrl(input.event.url),
        location: escapeMarkdown(input.event.location ?? ''),
      }
    : null;
  const model = {
    title: escapeMarkdown(hasText(input.title) ? input.title : defaultTitle(input)),
    intro: hasText(input.intro) ? markdownBlock(input.intro) : '',
    outro: hasText(input.outro) ? markdownBlock(input.outro) : '',
    event,
    day,
    weekday: day ? weekdayOf(day) : '',
    date: day ? longDate(day) : '',
    talks,
    moments,
    tags: recapTags(input).map(escapeMarkdown),
    takeaways: talks.flatMap((t) => t.takeaways),
    note_count: talks.reduce((sum, t) => sum + t.notes.length, moments.length),
  } as RecapModel;
  // Only the prose templates read these: worked out when read.
  let lines: { sentence: string; time_of_day: string; at: number }[] | undefined;
  const momentLines = () =>
    (lines ??= moments.map((m, i) => ({
      sentence: withPicture(m),
      time_of_day: m.time_of_day,
      at: momentRecords[i]!.createdAt,
    })));
  lazy(model, 'moment_groups', () => momentGroups(momentLines()));
  lazy(model, 'story', () =>
    story(
      talks.map((talk, i) => ({ talk, at: talkTime(input.talks[i]!) })),
      momentLines(),
    ),
  );
  lazy(model, 'links', () => {
    const byUrl = new Map<string, LinkModel>();
    for (const l of [...talks.flatMap((t) => t.links), ...mentionedLinks(momentRecords)]) {
      if (!byUrl.has(l.url)) byUrl.set(l.url, l);
    }
    return [...byUrl.values()];
  });
  lazy(model, 'links_list', () => (input.linksMentioned === 'post' ? linksList(model.links) : ''));
  lazy(model, 'themes', () => {
    const talkNotes = input.talks.map((t) =>
      selectNotes(t.notes, t.options?.include ?? DEFAULT_TALK_OPTIONS.include),
    );
    const chosen = (input.themes ?? []).filter((t) => hasText(t.tag));
    const themes = chosen.length
      ? chosen.map((t) => ({ tag: t.tag, name: escapeMarkdown(hasText(t.name) ? t.name : t.tag) }))
      : themeNames(recapTags(input), [...talkNotes.flat(), ...momentRecords]).map((t) => ({
          tag: t.tag,
          name: escapeMarkdown(t.name),
        }));
    // The tag is matched raw, printed escaped (a backup may hold any theme text).
    return themeParagraphs(
      themes,
      talks.map((t, i) => ({
        parts: { title: t.title, url: t.url, speaker_names: t.speaker_names, slides_url: t.slides_url },
        notes: (talkNotes[i] ?? []).map((n, j) => ({ tags: n.tags, sentence: withPicture(t.notes[j]!) })),
      })),
      momentRecords.map((n, i) => ({ tags: n.tags, sentence: withPicture(moments[i]!) })),
    ).map((t) => ({ ...t, tag: escapeMarkdown(t.tag) }));
  });
  return model;
}
