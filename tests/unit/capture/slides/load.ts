/** Loads a fixture page into a jsdom document at a given URL (no scripts run: the DOM is what the file holds). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';

export function fixtureDoc(path: string, url: string): Document {
  const html = readFileSync(resolve('tests/fixtures/slides', path), 'utf8');
  return new JSDOM(html, { url }).window.document;
}

export function htmlDoc(html: string, url: string): Document {
  return new JSDOM(html, { url }).window.document;
}
