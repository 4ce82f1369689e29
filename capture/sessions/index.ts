/** Session-page and metadata adapters, one file each, tried in this order: platforms first, then schema.org, then the generic talk-page reader, then Open Graph. */
import type { CaptureAdapter } from '../types';
import { fosdemAdapter } from './fosdem';
import { genericTalkAdapter, withPageFill } from './generic';
import { indicoAdapter } from './indico';
import { jsonLdAdapter } from './jsonld';
import { microdataAdapter } from './microdata';
import { openGraphAdapter } from './opengraph';
import { pretalxAdapter } from './pretalx';
import { pretalx2025Adapter } from './pretalx-2025';
import { pretalxScheduleAdapter } from './pretalx-schedule';
import { programmeAdapter } from './programme';
import { schedAdapter } from './sched';
import { sessionizeAdapter } from './sessionize';
import { vimeoAdapter } from './vimeo';
import { youtubeAdapter } from './youtube';

export const SESSION_ADAPTERS: readonly CaptureAdapter[] = [
  pretalx2025Adapter, // before pretalxAdapter, whose selectors also read this layout
  pretalxAdapter,
  pretalxScheduleAdapter,
  fosdemAdapter,
  indicoAdapter,
  schedAdapter,
  sessionizeAdapter,
  youtubeAdapter,
  vimeoAdapter,
  withPageFill(jsonLdAdapter), // structured data first; the page's layout fills what it leaves out
  withPageFill(microdataAdapter),
  programmeAdapter, // a programme page (day grid, workshop programme): its talks as the schedule
  genericTalkAdapter, // the generic talk-page reader: after platforms and structured data, before Open Graph
  openGraphAdapter,
];
