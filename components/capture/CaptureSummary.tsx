/**
 * What the current tab is, as capture knows it, and where each talk field came from ("from the
 * byline"). With `onCorrect` (the popup) each field has a "Not right?" control that fixes it in
 * place (issue 15). Page-supplied strings render as text only.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { isExperimentalPlatform } from '../../capture/experimental';
import { CAPTURE_KIND_NAMES, isGenericPlatform, platformName } from '../../capture/platform-names';
import type { CandidateField, PageCapture } from '../../capture/types';
import { lazyView } from '../shared/lazy';
import type { FixValue } from './corrections';
import { type EvidenceField, evidenceOf, FIELD_NAMES } from './evidence';

const FieldFix = lazyView(() => import('./FieldFix').then((m) => m.FieldFix), null);

interface Props {
  capture: PageCapture;
  /** A field fixed by the user: its new value, and whether to remember it for the site. */
  onCorrect?: (field: CandidateField, value: FixValue, everyPage: boolean) => void;
}

export function CaptureSummary({ capture, onCorrect }: Props) {
  const { slide, deck, talk } = capture;
  const [fixing, setFixing] = useState<CandidateField | null>(null);
  const buttons = useRef<Partial<Record<CandidateField, HTMLButtonElement | null>>>({});
  const close = (field: CandidateField) => {
    setFixing(null);
    buttons.current[field]?.focus();
  };
  /** One talk field: its value, where it came from, and (popup) "Not right?". */
  const row = (field: EvidenceField, value: ComponentChildren) => {
    const words = evidenceOf(capture, field);
    const open = fixing === field;
    const canFix = !!onCorrect && (field === 'event' ? !!(talk || capture.event) : !!talk);
    return (
      <div class="flex min-w-0 flex-col">
        <div class="flex min-w-0 items-baseline gap-1.5">
          {value}
          {canFix && (
            <button
              type="button"
              ref={(el) => {
                buttons.current[field] = el;
              }}
              class="shrink-0 text-xs text-accent underline"
              aria-expanded={open}
              aria-label={`Not right? Correct the ${FIELD_NAMES[field]}`}
              data-testid={`not-right-${field}`}
              onClick={() => setFixing(open ? null : field)}
            >
              Not right?
            </button>
          )}
        </div>
        {words && (
          <p class="text-xs text-muted" data-testid={`evidence-${field}`}>
            {words}
          </p>
        )}
        {open && onCorrect && (
          <FieldFix
            capture={capture}
            field={field}
            onCancel={() => close(field)}
            onApply={(value, everyPage) => {
              close(field);
              onCorrect(field, value, everyPage);
            }}
          />
        )}
      </div>
    );
  };
  const speakerChoices = !!onCorrect && !!capture.candidates?.speakers?.length;
  const eventChoices = !!onCorrect && !!talk && !!capture.candidates?.event?.length;
  return (
    <section aria-label="This page" class="flex min-w-0 flex-col gap-0.5">
      {/* Not upper-cased: platform names keep their own spelling ("reveal.js", "sched"). */}
      <p class="text-xs font-semibold text-muted" data-testid="capture-kind">
        {CAPTURE_KIND_NAMES[capture.kind]}
        {isGenericPlatform(capture.platform) ? '' : ` · ${platformName(capture.platform)}`}
        {isExperimentalPlatform(capture.platform) && (
          <span
            class="ml-1.5 rounded border border-current px-1 font-normal normal-case"
            title="Read from this platform's markup without a test on a real saved page"
            data-testid="experimental-badge"
          >
            experimental
          </span>
        )}
      </p>
      {row(
        'title',
        <h1 class="min-w-0 truncate text-base font-semibold" title={capture.title}>
          {talk?.title || deck?.title || capture.title || capture.url}
        </h1>,
      )}
      {slide && (
        <p class="truncate text-sm" data-testid="current-slide">
          Slide {slide.label}
          {deck?.slideCount ? ` of ${deck.slideCount}` : ''}
          {slide.title ? ` — ${slide.title}` : ''}
        </p>
      )}
      {talk &&
        (talk.speakers.length > 0 || speakerChoices) &&
        row(
          'speakers',
          talk.speakers.length > 0 ? (
            <p class="min-w-0 truncate text-sm text-muted" data-testid="capture-speakers">
              {talk.speakers.map((s) => s.name).join(', ')}
            </p>
          ) : (
            <p class="text-sm text-muted">No speaker found</p>
          ),
        )}
      {(capture.event?.name || eventChoices) &&
        row(
          'event',
          capture.event?.name ? (
            <p class="min-w-0 truncate text-sm text-muted" data-testid="capture-event">
              {capture.event.name}
            </p>
          ) : (
            <p class="text-sm text-muted">No event found</p>
          ),
        )}
      {talk?.startsAt &&
        row(
          'startsAt',
          <p class="min-w-0 truncate text-sm text-muted" data-testid="capture-start">
            Starts {talk.startsAt.slice(0, 16).replace('T', ' ')}
          </p>,
        )}
      {talk?.slidesUrl &&
        row(
          'slidesUrl',
          <p class="min-w-0 truncate text-sm text-muted" data-testid="capture-slides" title={talk.slidesUrl}>
            Slides: {talk.slidesUrl.replace(/^https?:\/\//, '')}
          </p>,
        )}
      {talk?.videoUrl &&
        row(
          'videoUrl',
          <p class="min-w-0 truncate text-sm text-muted" data-testid="capture-video" title={talk.videoUrl}>
            Video: {talk.videoUrl.replace(/^https?:\/\//, '')}
          </p>,
        )}
      <p class="truncate text-xs text-muted" title={capture.url}>
        {capture.url}
      </p>
    </section>
  );
}
