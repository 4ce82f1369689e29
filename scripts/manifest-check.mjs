#!/usr/bin/env node
/**
 * A release manifest must not ask for all-sites host access at install (DESIGN §8): no `<all_urls>`,
 * no `*://*\/*`-style patterns in permissions, host_permissions or content-script matches, and no
 * localhost access (that is for TALKMARKS_E2E builds only). Optional host permissions are fine:
 * they are asked per site, on a gesture.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '.output/chrome-mv3';
const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const broad = (p) => p === '<all_urls>' || /^(\*|https?):\/\/\*\//.test(p);
const local = (p) => /\/\/(127\.0\.0\.1|localhost)\//.test(p);
const problems = [];
for (const p of [...(m.permissions ?? []), ...(m.host_permissions ?? [])]) {
  if (broad(p)) problems.push(`install-time permission ${p}`);
  if (local(p)) problems.push(`install-time permission ${p} (E2E builds only)`);
}
for (const cs of m.content_scripts ?? []) {
  for (const p of cs.matches ?? []) {
    if (broad(p)) problems.push(`content script matches ${p}`);
    if (local(p)) problems.push(`content script matches ${p} (E2E builds only)`);
  }
}
if (problems.length) {
  console.error(`${dir}/manifest.json:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(
  `${dir}/manifest.json: no all-sites host access at install (${(m.host_permissions ?? []).length} host permissions).`,
);
