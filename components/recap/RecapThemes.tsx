/**
 * "Takeaways by theme": the themes the user chooses, typed as a list ("Security, ARM, XCP"):
 * each gathers the notes tagged with its name as a tag (`#security`, `#arm`, `#xcp`) and heads its
 * paragraph as typed. Empty: the post's tags are the themes.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ThemeChoice } from '../../recap/prose';
import { normalizeTag } from '../../storage/tags';

interface Props {
  themes: readonly ThemeChoice[];
  onChange: (themes: ThemeChoice[]) => void;
}

/** "Security, ARM" → the themes, each with the tag its name normalises to. */
export function parseThemes(text: string): ThemeChoice[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => normalizeTag(name) !== '')
    .map((name) => ({ tag: normalizeTag(name), name }));
}

export function RecapThemes({ themes, onChange }: Props) {
  const shown = themes.map((t) => t.name).join(', ');
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  return (
    <label class="flex flex-col gap-1 text-xs font-medium text-muted">
      Themes
      <input
        class="field"
        aria-label="Themes"
        placeholder="Your tags (or type themes: Security, ARM, …)"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => onChange(parseThemes(e.currentTarget.value))}
      />
      <span class="font-normal">
        Each theme gathers the notes tagged with it (#security for "Security"); empty: the post's tags.
      </span>
    </label>
  );
}
