/** One section of the help page: a heading with an id (linked as `help.html#<id>`) and its text. */
import type { ComponentChildren } from 'preact';

export function HelpSection({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <section aria-labelledby={id} class="help-section flex scroll-mt-4 flex-col gap-3">
      <h2 id={id} class="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** Keys as the keyboard shows them. */
export function Keys({ children }: { children: ComponentChildren }) {
  return <kbd class="rounded border border-line bg-surface-2 px-1 font-mono text-xs">{children}</kbd>;
}

/** Text a user types, as it is typed. */
export function Typed({ children }: { children: ComponentChildren }) {
  return <code class="rounded bg-surface-2 px-1 font-mono text-xs">{children}</code>;
}
