/** How much of this browser's storage Talkmarks uses (`navigator.storage.estimate()`), in words. */
import { useEffect, useState } from 'preact/hooks';
import { formatBytes } from './format-bytes';
import { Section } from './Section';

type Usage = { kind: 'reading' } | { kind: 'known'; bytes: number } | { kind: 'unknown' };

async function readUsage(): Promise<Usage> {
  try {
    const estimate = await navigator.storage?.estimate?.();
    return typeof estimate?.usage === 'number'
      ? { kind: 'known', bytes: estimate.usage }
      : { kind: 'unknown' };
  } catch {
    return { kind: 'unknown' };
  }
}

export function StorageSection() {
  const [usage, setUsage] = useState<Usage>({ kind: 'reading' });
  useEffect(() => {
    let live = true;
    void readUsage().then((u) => live && setUsage(u));
    return () => {
      live = false;
    };
  }, []);
  return (
    <Section
      id="storage"
      title="Storage"
      about="Notes, talks, slide images and recaps are kept in this browser, for Talkmarks only. Nothing you write is sent anywhere."
    >
      <p class="text-sm" data-testid="storage-used">
        {usage.kind === 'reading'
          ? 'Measuring…'
          : usage.kind === 'known'
            ? `Talkmarks uses ${formatBytes(usage.bytes)} of this browser’s storage.`
            : 'This browser does not say how much storage Talkmarks uses.'}
      </p>
    </Section>
  );
}
