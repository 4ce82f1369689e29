/**
 * Pictures in the post: notes of the recap that have a slide thumbnail, each with "Show in post".
 * A ticked one goes inline after the note's sentence in the prose templates (`images/….png` in the
 * zip, embedded in the preview and in rich text).
 */
import { withKindSplit } from '../../storage/kinds';
import { withoutTrailingTags } from '../../storage/tags';
import type { NoteRecord } from '../../storage/types';
import { PrivateLock } from '../notes/PrivateLock';
import { Thumbnail } from '../shared/Thumbnail';

interface Props {
  /** Notes of the post that have a thumbnail, in the post's order. */
  notes: NoteRecord[];
  /** Ids of the notes whose picture is in the post. */
  pictures: readonly string[];
  onChange: (pictures: string[]) => void;
}

export function RecapPictures({ notes, pictures, onChange }: Props) {
  if (notes.length === 0) return null;
  const shown = new Set(pictures);
  return (
    <fieldset class="flex flex-col gap-1">
      <legend class="mb-1 text-sm font-semibold">Pictures</legend>
      <p class="text-xs text-muted">
        Slide thumbnails of your notes. A ticked one goes in the post after that note's sentence.
      </p>
      <ul class="flex max-h-56 flex-col gap-1 overflow-auto" aria-label="Pictures">
        {notes.map((stored) => {
          const note = withKindSplit(stored);
          const text = withoutTrailingTags(note.body).trim() || note.body.trim();
          const slide = note.anchor?.slide;
          return (
            <li key={note.id}>
              <label class="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  aria-label={`Show in post: ${text}`}
                  checked={shown.has(note.id)}
                  onChange={(e) =>
                    onChange(
                      e.currentTarget.checked
                        ? [...pictures.filter((id) => id !== note.id), note.id]
                        : pictures.filter((id) => id !== note.id),
                    )
                  }
                />
                {note.thumbnailId && (
                  <Thumbnail
                    id={note.thumbnailId}
                    alt={slide ? `Slide ${slide.label || slide.index + 1}` : 'Slide'}
                  />
                )}
                <span class="flex-1">
                  <PrivateLock note={note} />
                  {slide && <span class="text-xs text-muted">Slide {slide.label || slide.index + 1}: </span>}
                  {text}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
