/** Slide thumbnails: the visible tab, cropped to the slide's rectangle, at most 480 px wide. */
import { browser } from 'wxt/browser';
import type { Rect } from '../messaging/protocol';
import { putImage } from '../storage/blobs';
import type { NewImage } from '../storage/notes';

export const THUMB_MAX_WIDTH = 480;

/** Captures, crops and stores a thumbnail; returns its blob id, or null when the tab cannot be captured. */
export async function captureThumbnail(windowId: number, rect?: Rect): Promise<string | null> {
  const image = await captureImage(windowId, rect);
  return image ? putImage(image.data, image.width, image.height) : null;
}

/** Captures and crops a thumbnail without storing it (a note stores it with itself, in one transaction). */
export async function captureImage(windowId: number, rect?: Rect): Promise<NewImage | null> {
  let dataUrl: string;
  try {
    dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'jpeg', quality: 80 });
  } catch {
    return null;
  }
  const shot = await createImageBitmap(await (await fetch(dataUrl)).blob());
  const crop = clampRect(rect, shot.width, shot.height);
  const scale = Math.min(1, THUMB_MAX_WIDTH / crop.width);
  const width = Math.max(1, Math.round(crop.width * scale));
  const height = Math.max(1, Math.round(crop.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(shot, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
  return { data: blob, width, height };
}

/** The image of a tab's slide, not stored, when that tab is the visible one of its window; null otherwise. */
export async function imageOfTab(tabId: number, rect?: Rect): Promise<NewImage | null> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab?.active || tab.windowId === undefined) return null; // only the visible tab can be shot
  return captureImage(tab.windowId, rect).catch(() => null);
}

/** A thumbnail of a tab's slide when that tab is the visible one of its window; null otherwise. */
export async function thumbnailOfTab(tabId: number, rect?: Rect): Promise<string | null> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  if (!tab?.active || tab.windowId === undefined) return null; // only the visible tab can be shot
  return captureThumbnail(tab.windowId, rect).catch(() => null);
}

/** The crop in screenshot pixels from a rect in viewport fractions; the whole shot when none is known. */
export function clampRect(rect: Rect | undefined, w: number, h: number): Rect {
  if (!rect || !(rect.width > 0) || !(rect.height > 0)) return { x: 0, y: 0, width: w, height: h };
  const clamp = (n: number) => Math.max(0, Math.min(1, n));
  const x = Math.round(clamp(rect.x) * w);
  const y = Math.round(clamp(rect.y) * h);
  return {
    x: Math.min(x, w - 1),
    y: Math.min(y, h - 1),
    width: Math.max(1, Math.min(w - x, Math.round(clamp(rect.width) * w))),
    height: Math.max(1, Math.min(h - y, Math.round(clamp(rect.height) * h))),
  };
}
