/**
 * Every capture adapter, in the order they are tried: slide decks first (they know the current
 * slide), then session pages, then structured metadata. The generic page adapter is the fallback.
 */
import { SESSION_ADAPTERS } from './sessions';
import { SLIDE_ADAPTERS } from './slides';
import type { CaptureAdapter } from './types';

export const ADAPTERS: readonly CaptureAdapter[] = [...SLIDE_ADAPTERS, ...SESSION_ADAPTERS];
