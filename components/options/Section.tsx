/** One section of the options page: a heading, one line on what it does, then its content. */
import type { ComponentChildren } from 'preact';

interface Props {
  /** The id of the heading (sections are linked to as `options.html#<id>`). */
  id: string;
  title: string;
  /** One line: what this section does. */
  about: ComponentChildren;
  children?: ComponentChildren;
}

export function Section({ id, title, about, children }: Props) {
  return (
    <section class="card flex flex-col gap-3" aria-labelledby={id}>
      <div class="flex flex-col gap-1">
        <h2 id={id} class="text-base font-semibold">
          {title}
        </h2>
        <p class="text-sm text-muted">{about}</p>
      </div>
      {children}
    </section>
  );
}
