/**
 * Capture adapters whose platform markup no test has checked on a real page (no saved page or
 * real-tool output was found; docs/capture-coverage.md says so per platform). The UI marks what they
 * capture as experimental.
 */
export const EXPERIMENTAL_ADAPTERS: ReadonlySet<string> = new Set(['fosdem', 'indico', 'pretalx-2025']);

export function isExperimentalPlatform(platform: string): boolean {
  return EXPERIMENTAL_ADAPTERS.has(platform);
}
