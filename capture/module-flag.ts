/**
 * The mark the capture module leaves on its frame's `window` once it runs there. Set in the
 * extension's own isolated world (expandos are not shared with the page's), so a page can neither
 * read it nor set it: it tells the module not to start twice, and the static detector that its job
 * in this frame is done, whoever loaded the module (the detector, a toolbar click, a site the user
 * enabled).
 */
export const CAPTURE_MODULE_FLAG = '__talkmarksCapture';

/** Whether the capture module already runs in `win`'s frame (as seen from the extension's world). */
export function captureModuleRuns(win: Window): boolean {
  return (win as unknown as Record<string, unknown>)[CAPTURE_MODULE_FLAG] === true;
}
