/** "Slide 3.2 — Basement Level 1" (or "at 12:04" for a video note): a button that brings the tab back there. */
import type { NoteAnchor } from '../../storage/types';

/** "12:04" or "1:02:03" from seconds. */
export function formatTime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** What a note's anchor says, as text. */
export function anchorText(anchor: NoteAnchor | undefined): string {
  if (!anchor) return '';
  const parts: string[] = [];
  if (anchor.slide)
    parts.push(`Slide ${anchor.slide.label}${anchor.slide.title ? ` — ${anchor.slide.title}` : ''}`);
  if (anchor.time !== undefined) parts.push(`at ${formatTime(anchor.time)}`);
  return parts.join(' · ');
}

interface Props {
  anchor: NoteAnchor;
  /** Absent when the tab is not showing this deck: the reference is then plain text. */
  onGo?: () => void;
}

export function SlideLink({ anchor, onGo }: Props) {
  const text = anchorText(anchor);
  if (!onGo) return <p class="text-xs font-medium text-muted">{text}</p>;
  return (
    <button
      type="button"
      class="btn-ghost -ml-2 truncate rounded px-2 py-0.5 text-left text-xs font-medium text-accent underline-offset-2 hover:underline"
      title={`Show ${text.startsWith('at') ? 'this moment' : 'this slide'} in the tab`}
      data-testid="slide-link"
      onClick={onGo}
    >
      {text}
    </button>
  );
}
