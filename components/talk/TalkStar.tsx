/** The personal-agenda star: a toggle button, announced as pressed or not. */
interface Props {
  starred: boolean;
  onToggle: () => void;
  title: string;
  busy?: boolean;
}

export function TalkStar({ starred, onToggle, title, busy }: Props) {
  return (
    <button
      type="button"
      class="btn btn-ghost shrink-0 px-1.5 text-base leading-none"
      aria-pressed={starred}
      aria-label={starred ? `Unstar “${title}”` : `Star “${title}”`}
      title={starred ? 'In your agenda: click to unstar' : 'Add to your agenda'}
      disabled={busy}
      onClick={onToggle}
    >
      <span aria-hidden="true" class={starred ? 'text-accent' : ''}>
        {starred ? '★' : '☆'}
      </span>
    </button>
  );
}
