/** tldts' own minified ES build (see capture/site.ts): the same API as the package entry. */
declare module 'tldts/dist/index.esm.min.js' {
  export * from 'tldts';
}
