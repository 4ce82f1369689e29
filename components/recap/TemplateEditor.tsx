/**
 * User templates: copy a built-in, edit its Liquid source, save. A syntax error is shown with its
 * line and nothing is saved. Variables and filters: the help page's templates section (docs/templates.md).
 */
import { useState } from 'preact/hooks';
import { DEFAULT_TEMPLATE_ID } from '../../recap/builtins';
import { checkTemplate } from '../../recap/render';
import { createTemplate, listTemplates, trashTemplate, updateTemplate } from '../../recap/templates';
import type { ToastState } from '../shared/Toast';
import { useLive } from '../shared/useLive';
import { markOwnTemplate, unmarkOwnTemplate, useOwnTemplate } from './template-trust';

export function TemplateEditor({ notify }: { notify: (t: ToastState) => void }) {
  const templates = useLive(listTemplates, []);
  const [selected, setSelected] = useState(DEFAULT_TEMPLATE_ID);
  const [name, setName] = useState('');
  const [source, setSource] = useState<string | null>(null);
  const list = templates.status === 'ready' ? templates.value : [];
  const current = list.find((t) => t.id === selected);
  const text = source ?? current?.source ?? '';
  const syntax = checkTemplate(text);
  const savedHere = useOwnTemplate(current?.id ?? 'builtin:', current?.source ?? '');
  const writesHtml = /<[A-Za-z/!?]/.test(text);

  const open = (id: string) => {
    setSelected(id);
    setSource(null);
    setName(list.find((t) => t.id === id)?.name ?? '');
  };
  const save = async () => {
    try {
      // Saved here, by the user: the mark that lets its raw HTML into posts (template-trust.ts).
      if (!current || current.builtin) {
        const made = await createTemplate(name.trim() || `My ${current?.name ?? 'template'}`, text);
        await markOwnTemplate(made.id, made.source);
        setSelected(made.id);
      } else {
        const saved = await updateTemplate(current.id, { name: name || current.name, source: text });
        await markOwnTemplate(saved.id, saved.source);
      }
      setSource(null);
      notify({ message: 'Template saved.' });
    } catch (e) {
      notify({ message: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div class="mt-3 flex flex-col gap-3">
      <div class="flex flex-wrap items-end gap-2">
        <label class="flex flex-col gap-1 text-xs font-medium text-muted">
          Template
          <select
            class="field"
            aria-label="Template to edit"
            value={selected}
            onChange={(e) => open(e.currentTarget.value)}
          >
            {list.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
                {t.builtin ? ' (built-in)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label class="flex flex-1 flex-col gap-1 text-xs font-medium text-muted">
          Name
          <input
            class="field"
            aria-label="Name"
            value={name || (current && !current.builtin ? current.name : '')}
            placeholder={current?.builtin ? `My ${current.name}` : 'Template name'}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="button" class="btn btn-primary" disabled={!!syntax} onClick={() => void save()}>
          {current?.builtin ? 'Save as my template' : 'Save'}
        </button>
        {current && !current.builtin && (
          <button
            type="button"
            class="btn"
            onClick={() =>
              void trashTemplate(current.id).then(() => {
                unmarkOwnTemplate(current.id);
                open(DEFAULT_TEMPLATE_ID);
              })
            }
          >
            Delete
          </button>
        )}
      </div>
      <p class="text-xs text-muted">
        Variables: recap, recap.talks, talk.notes, note.text …{' '}
        <a class="text-accent underline" href="/help.html#templates" target="_blank" rel="noopener">
          every variable and filter, in the help page
        </a>
      </p>
      <label class="flex flex-col gap-1 text-xs font-medium text-muted">
        Liquid source
        <textarea
          class="field min-h-72 font-mono text-xs"
          aria-label="Liquid source"
          spellcheck={false}
          value={text}
          onInput={(e) => setSource(e.currentTarget.value)}
        />
      </label>
      {current && !current.builtin && !savedHere && source === null && (
        <p class="text-xs text-muted" data-testid="template-origin">
          Not saved on this device (imported, or from another device): any HTML it writes shows as text in
          posts. Saving it here makes it yours.
        </p>
      )}
      {writesHtml && (
        <p class="text-xs text-muted" data-testid="template-html-note">
          This template writes HTML. Posts keep it only for a template saved on this device, and the composer
          flags it; otherwise it shows as text.
        </p>
      )}
      {syntax && (
        <p role="alert" class="text-sm text-danger">
          Line {syntax.line ?? '?'}: {syntax.message}
        </p>
      )}
    </div>
  );
}
