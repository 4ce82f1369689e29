/**
 * Sync: the WebDAV folder this browser syncs with, end-to-end encrypted with the user's passphrase.
 * Connect asks for that folder's site permission only (this click is the gesture the browser wants),
 * then the background creates or joins the vault. The status line follows the background's rounds
 * live (storage/sync-store.ts `status`): when it last synced, how many changes wait, what went wrong
 * and what to do.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../messaging/protocol';
import { readSyncMeta, type SyncSettings, type SyncStatus } from '../../storage/sync-store';
import { syncStatusText } from '../shared/sync-words';
import { useLive } from '../shared/useLive';
import { Section } from './Section';

// The words are shared with the side panel's short status line.
export { syncStatusText };

/**
 * The host permission Connect asks for: the folder's scheme and host, without its port. Firefox takes
 * no port in a match pattern (`http://127.0.0.1:8080/*` is not covered by a granted `http://127.0.0.1/*`,
 * so it prompts again, and its grant does not open the address); a pattern without a port covers every
 * port of the host in both browsers.
 */
export function syncPermissionOrigin(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

export function SyncSection() {
  const status = useLive(() => readSyncMeta<SyncStatus>('status'), []);
  const kept = useLive(() => readSyncMeta<SyncSettings>('settings'), []);
  const settings = kept.status === 'ready' ? kept.value : undefined;
  const current = status.status === 'ready' ? status.value : undefined;
  const [form, setForm] = useState({
    transport: 'webdav' as 'webdav' | 's3',
    url: '',
    username: '',
    password: '',
    region: '',
    bucket: '',
    passphrase: '',
  });
  const s3 = form.transport === 's3';
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const connect = async () => {
    setMessage(null);
    let origin: string;
    try {
      const url = new URL(form.url);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
      origin = syncPermissionOrigin(form.url);
    } catch {
      setMessage({
        error: true,
        text: `The ${s3 ? 'endpoint' : 'WebDAV URL'} is not a web address (https://…).`,
      });
      return;
    }
    if (s3 && (!form.bucket.trim() || !form.region.trim())) {
      setMessage({ error: true, text: 'An S3 bucket needs its name and its region.' });
      return;
    }
    if (form.passphrase.length < 8) {
      setMessage({ error: true, text: 'The encryption passphrase needs at least 8 characters.' });
      return;
    }
    setBusy(true);
    try {
      // Only this folder's site, asked now (a click is the gesture the browser requires).
      const granted = await browser.permissions.request({ origins: [origin] }).catch(() => false);
      if (!granted) {
        setMessage({
          error: true,
          text: `Talkmarks needs access to ${new URL(form.url).host} to sync there.`,
        });
        return;
      }
      const label = `${navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chromium'} · ${new Date().toLocaleDateString()}`;
      const result = await sendMessage('syncConnect', {
        settings: {
          transport: form.transport,
          url: form.url,
          username: form.username,
          password: form.password,
          label,
          ...(s3 ? { region: form.region.trim(), bucket: form.bucket.trim() } : {}),
        },
        passphrase: form.passphrase,
      });
      if (!result.ok) setMessage({ error: true, text: result.error });
      else {
        setForm({ ...form, password: '', passphrase: '' });
        setMessage({
          error: false,
          text: `${result.created ? 'A new vault was started in that folder' : 'Joined the vault in that folder'}. Key fingerprint ${result.fingerprint}: it is the same on each of your devices.`,
        });
      }
    } finally {
      setBusy(false);
    }
  };

  const field = (
    key: 'url' | 'username' | 'password' | 'region' | 'bucket' | 'passphrase',
    label: string,
    type = 'text',
    autocomplete = 'off',
  ) => (
    <label class="flex flex-col gap-1 text-sm">
      {label}
      <input
        class="field"
        type={type}
        autocomplete={autocomplete}
        value={form[key]}
        onInput={(e) => {
          const value = e.currentTarget.value;
          // From the latest form, not this render's: an autofill types several fields at once.
          setForm((f) => ({ ...f, [key]: value }));
        }}
      />
    </label>
  );

  return (
    <Section
      id="sync"
      title="Sync"
      about="Your notes on your other browsers, through storage you own: a WebDAV folder or an S3-compatible bucket. Everything is encrypted with your passphrase before it leaves this browser: the server sees file names and sizes only."
    >
      <p role="status" class="text-sm" data-testid="sync-status">
        {syncStatusText(current)}
      </p>
      {current?.fingerprint && (
        <p class="text-sm text-muted">
          Key fingerprint <span class="font-mono">{current.fingerprint}</span>
          {settings ? ` · ${settings.url}` : ''}
        </p>
      )}
      {settings ? (
        <div class="flex flex-wrap gap-2">
          <button
            type="button"
            class="btn btn-primary"
            onClick={() => void sendMessage('syncNow', undefined)}
          >
            Sync now
          </button>
          <button
            type="button"
            class="btn"
            onClick={() => void sendMessage('syncPause', { paused: !settings.paused })}
          >
            {settings.paused ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            class="btn"
            onClick={() =>
              void sendMessage('syncDisconnect', undefined).then(() =>
                setMessage({
                  error: false,
                  text: 'This browser no longer syncs. Its notes stay here and on the server.',
                }),
              )
            }
          >
            Remove this device
          </button>
        </div>
      ) : (
        <form
          class="flex flex-col gap-3"
          aria-label="Connect to a sync folder"
          onSubmit={(e) => {
            e.preventDefault();
            void connect();
          }}
        >
          <fieldset class="flex flex-wrap gap-4 text-sm">
            <legend class="mb-1 text-sm">Where</legend>
            {(
              [
                ['webdav', 'A WebDAV folder (Nextcloud, ownCloud, a NAS, Apache)'],
                ['s3', 'An S3-compatible bucket (AWS, R2, B2, MinIO)'],
              ] as const
            ).map(([value, text]) => (
              <label key={value} class="flex items-center gap-1.5">
                <input
                  type="radio"
                  name="sync-transport"
                  checked={form.transport === value}
                  onChange={() => setForm((f) => ({ ...f, transport: value }))}
                />
                {text}
              </label>
            ))}
          </fieldset>
          {s3 ? (
            <>
              {field('url', 'Endpoint', 'url')}
              <div class="grid gap-3 sm:grid-cols-2">
                {field('region', 'Region')}
                {field('bucket', 'Bucket')}
                {field('username', 'Access key')}
                {field('password', 'Secret', 'password')}
              </div>
            </>
          ) : (
            <>
              {field('url', 'WebDAV URL', 'url')}
              <div class="grid gap-3 sm:grid-cols-2">
                {field('username', 'User name', 'text', 'username')}
                {field('password', 'Password', 'password', 'current-password')}
              </div>
            </>
          )}
          {field('passphrase', 'Encryption passphrase', 'password', 'new-password')}
          <p class="text-xs text-muted">
            The same passphrase on each device. It is not sent anywhere and cannot be recovered: without it
            the notes on the server cannot be read.
          </p>
          <button type="submit" class="btn btn-primary self-start" disabled={busy}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
        </form>
      )}
      {message && (
        <p
          role={message.error ? 'alert' : 'status'}
          class={`text-sm ${message.error ? 'text-danger' : ''}`}
          data-testid="sync-message"
        >
          {message.text}
        </p>
      )}
    </Section>
  );
}
