/**
 * "Notify me when promised slides appear" (issue 16, item 2): a system notification when a promise
 * of slides is kept, for users who turned it on in the options (which asks for the OPTIONAL
 * `notifications` permission at that moment). Without the permission, or with the option off, the
 * side panel's banner is the only signal.
 */
import { browser } from 'wxt/browser';
import { noteSettings } from '../storage/settings';

/** The permission the option asks for (listed as optional in the manifest: never asked at install). */
export const NOTIFICATIONS: { permissions: ['notifications'] } = { permissions: ['notifications'] };

/**
 * The notification's icon: a 48 px slide on the accent colour, inline (Chrome requires an icon for
 * a basic notification, and the extension ships no image files).
 */
export const NOTICE_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAATElEQVR42u3YwQkAIAwDwC7jZI7vELqCRQsiV/LPfdNofTyVAAICAgICugSaxQcEBAQEBAQEBAQEBAR0PhSzZeXLFQjoO5CHFRDQRhayzfPgqOLjKwAAAABJRU5ErkJggg==';

interface NotificationsApi {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): unknown;
}

/** The notifications API where the permission was granted (the namespace is absent otherwise). */
function notificationsApi(): NotificationsApi | undefined {
  try {
    const api = (browser as unknown as { notifications?: Partial<NotificationsApi> }).notifications;
    return typeof api?.create === 'function' ? (api as NotificationsApi) : undefined;
  } catch {
    return undefined;
  }
}

/** What the notification says for a talk whose promised slides were found. */
export function slidesNotice(talk: { id: string; title: string }): {
  id: string;
  options: { type: 'basic'; iconUrl: string; title: string; message: string };
} {
  const title = talk.title.length > 120 ? `${talk.title.slice(0, 119)}…` : talk.title;
  return {
    id: `talkmarks-slides-${talk.id}`,
    options: {
      type: 'basic',
      iconUrl: NOTICE_ICON,
      title: 'Promised slides are online',
      message: `The slides of “${title}” are online now.`,
    },
  };
}

/**
 * Tells the user with a system notification that a promise was kept, when they asked for it and
 * the permission is there. True when a notification was sent; never throws.
 */
export async function notifySlidesFound(
  talk: { id: string; title: string },
  /** The API to use (tests); null: none (the permission was not granted). */
  api: NotificationsApi | null = notificationsApi() ?? null,
): Promise<boolean> {
  if (!noteSettings().notifySlides || !api) return false;
  const { id, options } = slidesNotice(talk);
  try {
    await api.create(id, options);
    return true;
  } catch {
    return false;
  }
}

/** Asks for the permission (call straight from the click: browsers ask only during a gesture). */
export function requestNotifications(): Promise<boolean> {
  try {
    return browser.permissions.request(NOTIFICATIONS).catch(() => false);
  } catch {
    return Promise.resolve(false);
  }
}

/** Gives the permission back (the option was turned off). */
export async function releaseNotifications(): Promise<void> {
  try {
    await browser.permissions.remove(NOTIFICATIONS);
  } catch {
    // Nothing to give back.
  }
}

/** Whether the permission is granted now. */
export async function notificationsGranted(): Promise<boolean> {
  try {
    return await browser.permissions.contains(NOTIFICATIONS);
  } catch {
    return false;
  }
}
