/**
 * The deck the followed tab shows: which slide is on screen (live, as slides flip), this slide's
 * notes first, then the rest of the deck's notes in slide order, each with its thumbnail and a link
 * that brings the deck back to its slide. Page text renders as text only.
 */
import type { PageCapture } from '../../capture/types';
import { gotoInTab } from '../../platform/goto';
import { deckByUrl, notesForDeck } from '../../storage/decks';
import type { NoteRecord } from '../../storage/types';
import { NoteItem } from '../notes/NoteItem';
import { useNoteActions } from '../notes/useNoteActions';
import { anchorText, SlideLink } from '../shared/SlideLink';
import { Thumbnail } from '../shared/Thumbnail';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';

interface Props {
  capture: PageCapture & { deck: NonNullable<PageCapture['deck']> };
  tabId: number | undefined;
  notify: (t: ToastState) => void;
}

const onSlide = (n: NoteRecord, index: number | undefined) =>
  index !== undefined && n.anchor?.slide?.index === index;

export function DeckSection({ capture, tabId, notify }: Props) {
  const deckUrl = capture.deck.url;
  const notes = useLive(async () => {
    const deck = await deckByUrl(deckUrl);
    return deck ? notesForDeck(deck.id) : [];
  }, [deckUrl]);
  const actions = useNoteActions(notify);
  const index = capture.slide?.index;

  const go = (note: NoteRecord) => {
    if (tabId === undefined || !note.anchor) return undefined;
    const { slide, time } = note.anchor;
    return () =>
      void gotoInTab(tabId, { slide: slide && { index: slide.index, label: slide.label }, time }).then(
        (ok) => {
          if (!ok) notify({ message: 'This deck cannot be moved to that slide from here.' });
        },
      );
  };
  const item = (n: NoteRecord) => (
    <NoteItem
      key={n.id}
      note={n}
      {...actions}
      lead={
        n.anchor?.slide || n.anchor?.time !== undefined ? (
          <div class="flex items-start gap-2">
            {n.thumbnailId && <Thumbnail id={n.thumbnailId} alt={anchorText(n.anchor) || 'Slide'} />}
            {n.anchor && <SlideLink anchor={n.anchor} onGo={go(n)} />}
          </div>
        ) : undefined
      }
    />
  );

  if (notes.status === 'error') {
    return (
      <p role="alert" class="text-sm text-danger">
        Notes could not be read: {notes.error.message}
      </p>
    );
  }
  if (notes.status === 'loading') return null;
  const here = notes.value.filter((n) => onSlide(n, index));
  const rest = notes.value.filter((n) => !onSlide(n, index));
  return (
    <div class="flex flex-col gap-3" data-testid="deck-section">
      <section aria-labelledby="this-slide-heading" class="flex flex-col gap-2">
        <h2 id="this-slide-heading" class="text-sm font-semibold">
          {capture.slide ? `Notes on slide ${capture.slide.label}` : 'Notes on this slide'}
        </h2>
        {here.length === 0 ? (
          <p class="text-sm text-muted">No notes on this slide yet.</p>
        ) : (
          <ul class="flex flex-col gap-2" aria-label="Notes on this slide">
            {here.map(item)}
          </ul>
        )}
      </section>
      {rest.length > 0 && (
        <section aria-labelledby="deck-notes-heading" class="flex flex-col gap-2">
          <h2 id="deck-notes-heading" class="text-sm font-semibold">
            Rest of the deck
          </h2>
          <ul class="flex flex-col gap-2" aria-label="Other notes on this deck">
            {rest.map(item)}
          </ul>
        </section>
      )}
    </div>
  );
}
