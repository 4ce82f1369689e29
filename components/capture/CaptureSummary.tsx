/** What the current tab is, as capture knows it. Page-supplied strings render as text only. */
import { isExperimentalPlatform } from '../../capture/experimental';
import { CAPTURE_KIND_NAMES, isGenericPlatform, platformName } from '../../capture/platform-names';
import type { PageCapture } from '../../capture/types';

export function CaptureSummary({ capture }: { capture: PageCapture }) {
  const { slide, deck, talk } = capture;
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
      <h1 class="truncate text-base font-semibold" title={capture.title}>
        {talk?.title || deck?.title || capture.title || capture.url}
      </h1>
      {slide && (
        <p class="truncate text-sm" data-testid="current-slide">
          Slide {slide.label}
          {deck?.slideCount ? ` of ${deck.slideCount}` : ''}
          {slide.title ? ` — ${slide.title}` : ''}
        </p>
      )}
      {talk && talk.speakers.length > 0 && (
        <p class="truncate text-sm text-muted" data-testid="capture-speakers">
          {talk.speakers.map((s) => s.name).join(', ')}
        </p>
      )}
      {capture.event?.name && (
        <p class="truncate text-sm text-muted" data-testid="capture-event">
          {capture.event.name}
        </p>
      )}
      <p class="truncate text-xs text-muted" title={capture.url}>
        {capture.url}
      </p>
    </section>
  );
}
