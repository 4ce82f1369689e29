/** Loads a session fixture into a jsdom document at the URL it would be served from. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { capturePage } from '../../../../capture';
import { SESSION_ADAPTERS } from '../../../../capture/sessions';
import { afterCapture } from '../../../../capture/sessions/post';
import type { PageCapture } from '../../../../capture/types';

export function fixture(name: string): string {
  return readFileSync(resolve(__dirname, '../../../fixtures/sessions', name), 'utf8');
}

export function docOf(html: string, url: string): Document {
  return new JSDOM(html, { url }).window.document;
}

/** Captures `html` as served at `url` with the session adapters (and the pipeline's post step). */
export function captureHtml(html: string, url: string): PageCapture {
  const doc = docOf(html, url);
  return afterCapture(capturePage(doc, url, SESSION_ADAPTERS), doc, new URL(url));
}

export function captureFixture(name: string, url: string): PageCapture {
  return captureHtml(fixture(name), url);
}
