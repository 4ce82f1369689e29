/**
 * "This page" started with the panel (issue 17): when the panel opens on it, the followed tab and its
 * capture are asked for at once, from the panel's first bundle, while the view's code (and the
 * database's) loads — not one after the other, each from an effect a frame after the last render.
 * The view takes what was started on its first mount (ThisPage.tsx); later mounts ask as before.
 * No database here: this module is in the panel's first bundle.
 */
import { useEffect, useState } from 'preact/hooks';
import type { PageCapture } from '../../capture/types';
import { sendMessage } from '../../messaging/protocol';
import type { ThisPageEarly } from '../../platform/panel-early';
import { loadTabCapture } from '../../platform/tab-captures';
import { toInfo } from '../../platform/tab-info';
import { isOwnPage, type TabInfo, targetTab } from '../../platform/tabs';

declare global {
  /** The tab and kept capture asked for by sidepanel-early.js while the panel's modules loaded. */
  var __talkmarksThisPageEarly: ThisPageEarly | undefined;
}

/** A promise and, once it settled, its value: read synchronously by a first render. */
export interface Started<T> {
  promise: Promise<T>;
  done: boolean;
  value?: T;
}

export function started<T>(promise: Promise<T>): Started<T> {
  const s: Started<T> = { promise, done: false };
  promise.then(
    (value) => {
      s.value = value;
      s.done = true;
    },
    () => undefined,
  );
  return s;
}

export interface ThisPageStart {
  tab: Started<TabInfo | null>;
  /**
   * What `tab` shows, to paint with: the capture kept for it this session (tab-captures.ts; the
   * background drops it when the tab's URL changes) when that is read before the background
   * answers, else the answer (null: none, or no tab).
   */
  capture: Started<PageCapture | null>;
  /** The background's answer to `captureTab` (which the view's capture hook takes as its first). */
  asked: Promise<PageCapture | null>;
}

let pending: ThisPageStart | undefined;

/**
 * Asks for the followed tab and its capture now (the panel opened on "This page"), or takes the tab
 * and the kept capture the panel's early script asked for before this code had loaded.
 */
export function startThisPage(): void {
  const early = globalThis.__talkmarksThisPageEarly;
  globalThis.__talkmarksThisPageEarly = undefined; // for this start only
  const found = early ? early.tab.then((t) => (t ? toInfo(t) : null)) : targetTab();
  const tab = found.then((t) => (t && !isOwnPage(t.url) ? t : null));
  // Asked by the early script with the tab when it could (the same tab, the panel itself left out).
  const asked = tab.then((t) =>
    t ? (early?.asked ?? sendMessage('captureTab', { tabId: t.id }).catch(() => null)) : null,
  );
  // The background asks the tab's content script, which answers once the page's own scripts let it:
  // the kept capture, one storage read, usually comes first.
  const keptFor = (t: TabInfo) =>
    early ? (early.kept as Promise<PageCapture | null>) : loadTabCapture(t.id).catch(() => null);
  const kept = tab.then((t) => (t ? keptFor(t) : null));
  const capture = new Promise<PageCapture | null>((resolve) => {
    void asked.then(resolve);
    void kept.then((c) => c && resolve(c));
  });
  pending = { tab: started(tab), capture: started(capture), asked };
}

/** What {@link startThisPage} started, left for the view (the kept first notes wait on its capture). */
export function peekThisPageStart(): ThisPageStart | undefined {
  return pending;
}

/** What {@link startThisPage} started, once: the view's first mount takes it. */
export function takeThisPageStart(): ThisPageStart | undefined {
  const taken = pending;
  pending = undefined;
  return taken;
}

/** The value of `s` (undefined until it settles, or without `s`), re-rendering when it settles. */
export function useStarted<T>(s: Started<T> | undefined): T | undefined {
  const [value, setValue] = useState<{ v: T | undefined }>(() => ({ v: s?.done ? s.value : undefined }));
  useEffect(() => {
    if (!s) return;
    // Settled between the render and this effect: render again, or nothing else may.
    if (s.done) return setValue((old) => (old.v === s.value ? old : { v: s.value }));
    let live = true;
    s.promise.then(
      (v) => live && setValue({ v }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [s]);
  return s?.done ? s.value : value.v;
}
