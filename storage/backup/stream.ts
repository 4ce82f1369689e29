/**
 * Reads a backup file piece by piece: a small scanner follows the JSON structure (strings, depth,
 * the keys of the root and of `data`) and cuts out each record of each section as its own text,
 * which is parsed on its own. The file is never one string in memory, nesting deeper than any
 * backup has and strings longer than any field allows are refused as they are met, and the
 * structure around the records (the header and the section lists, each record replaced by `0`) is
 * parsed at the end to check the file's syntax as a whole.
 */

export class BackupReadError extends Error {}

export const failRead = (message: string): never => {
  throw new BackupReadError(message);
};

export interface ScanLimits {
  /** The most characters the file may have. */
  maxChars: number;
  /** The most levels of `{`/`[` anywhere (the file's own three levels included). */
  maxDepth: number;
  /** The longest string (as written in the file) a section's records may hold. */
  maxString: (section: string) => number;
}

export interface ScanHandler {
  /** The members before `data` (the header), parsed: called once, when `data` begins. */
  header(members: Record<string, unknown>): void;
  /** A section of `data` begins (its name as written). */
  section(name: string): void;
  /** One record's text, in file order within its section. */
  record(section: string, index: number, text: string): void;
  /** The section ends. */
  sectionEnd(name: string): void;
}

const OPEN_OBJ = 123; // {
const CLOSE_OBJ = 125; // }
const OPEN_ARR = 91; // [
const CLOSE_ARR = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;

/** Keys that mean something to JavaScript objects rather than to data: never accepted. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** The scanner: feed it text with {@link push}, then call {@link end}. */
export class BackupScanner {
  private depth = 0;
  /** `{` or `[` per open level. */
  private readonly stack: number[] = [];
  private inString = false;
  private escaped = false;
  private stringLength = 0;
  private chars = 0;
  /** Text of the structure around the records. */
  private skeleton = '';
  /** Where, in the current chunk, skeleton text (or a record) started; -1 when none. */
  private skelFrom = 0;
  private recordText: string | null = null;
  private recordFrom = -1;
  /** The string being read at levels 1 and 2 (keys), when it is one. */
  private keyText: string | null = null;
  private keyFrom = -1;
  private lastKey: string | null = null;
  /** Per level 1 and 2: whether a key comes next. */
  private expectKey = [false, false, false];
  private rootKey: string | null = null;
  private readonly rootKeys = new Set<string>();
  private readonly sectionKeys = new Set<string>();
  private section: string | null = null;
  private index = 0;
  private records = 0;
  private headerSent = false;
  /** Where the current chunk's next backslash is (its length: none; -1: not searched yet). */
  private backslashAt = -1;

  constructor(
    private readonly limits: ScanLimits,
    private readonly on: ScanHandler,
  ) {}

  private where(): string {
    if (this.section !== null && this.depth >= 3) return ` in ${this.section}[${this.index}]`;
    if (this.rootKey) return ` in "${this.rootKey}"`;
    return '';
  }

  private inSectionList(): boolean {
    return this.depth === 3 && this.rootKey === 'data' && this.section !== null && this.stack[2] === OPEN_ARR;
  }

  push(chunk: string): void {
    this.chars += chunk.length;
    if (this.chars > this.limits.maxChars) {
      failRead(
        `The file is larger than a backup may be (${this.limits.maxChars.toLocaleString('en')} characters).`,
      );
    }
    this.backslashAt = -1;
    this.skelFrom = this.recordText === null ? 0 : -1;
    this.recordFrom = this.recordText === null ? -1 : 0;
    this.keyFrom = this.keyText === null ? -1 : 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (!this.escaped && c !== BACKSLASH && c !== QUOTE) {
          // Plain characters: jump to the next quote or backslash (a base64 image is one long run).
          const at = this.nextSpecial(chunk, i);
          this.stringLength += at - i;
          if (this.stringLength > this.maxString()) this.tooLong();
          i = at - 1;
          continue;
        }
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyText !== null) this.endKey(chunk, i + 1);
          continue;
        }
        if (++this.stringLength > this.maxString()) this.tooLong();
        continue;
      }
      if (isSpace(c)) continue;
      if (this.recordText === null && this.inSectionList() && c !== COMMA && c !== CLOSE_ARR) {
        // A record begins: the skeleton gets `0` in its place.
        this.skeleton += `${chunk.slice(this.skelFrom, i)}0`;
        this.skelFrom = -1;
        this.recordText = '';
        this.recordFrom = i;
      } else if (this.recordText !== null && this.depth === 3 && (c === COMMA || c === CLOSE_ARR)) {
        this.endRecord(chunk, i);
      }
      if (c === QUOTE) {
        this.inString = true;
        this.stringLength = 0;
        const level = this.depth;
        if ((level === 1 || level === 2) && this.stack[level - 1] === OPEN_OBJ && this.expectKey[level]) {
          this.keyText = '';
          this.keyFrom = i + 1;
        }
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        this.open(c);
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        this.close(c);
      } else if (c === COMMA) {
        if (this.depth === 1 || this.depth === 2)
          this.expectKey[this.depth] = this.stack[this.depth - 1] === OPEN_OBJ;
      } else if (c === COLON) {
        if (this.depth === 1 || this.depth === 2) this.onColon(chunk, i);
      }
    }
    if (this.recordText !== null) this.recordText += chunk.slice(Math.max(this.recordFrom, 0));
    else this.skeleton += chunk.slice(Math.max(this.skelFrom, 0));
    if (this.keyText !== null) this.keyText += chunk.slice(Math.max(this.keyFrom, 0));
    if (this.skeleton.length > 1_000_000 + 2 * this.records) {
      failRead('The file has more around its records than a backup has (its header is too large).');
    }
  }

  /**
   * Where a string's plain run ends: the next quote or backslash at or after `from` (or the chunk's
   * end). `indexOf` is the platform's fast search; the next backslash is remembered for the chunk,
   * as most chunks have few or none and searching again for each string would scan to the end.
   */
  private nextSpecial(chunk: string, from: number): number {
    if (this.backslashAt < from) {
      const b = chunk.indexOf('\\', from);
      this.backslashAt = b < 0 ? chunk.length : b;
    }
    const q = chunk.indexOf('"', from);
    return Math.min(q < 0 ? chunk.length : q, this.backslashAt);
  }

  private tooLong(): never {
    return failRead(
      `The file has a text of more than ${this.maxString().toLocaleString('en')} characters${this.where()}: no field of a backup is that long.`,
    );
  }

  private maxString(): number {
    return this.section !== null && this.depth >= 3 ? this.limits.maxString(this.section) : 10_000;
  }

  private endKey(chunk: string, endExclusive: number): void {
    // endExclusive is just past the closing quote.
    const text = this.keyText + chunk.slice(Math.max(this.keyFrom, 0), endExclusive - 1);
    this.keyText = null;
    this.keyFrom = -1;
    this.lastKey = text;
    this.expectKey[this.depth] = false;
  }

  private onColon(chunk: string, at: number): void {
    const key = this.lastKey;
    this.lastKey = null;
    if (key === null)
      failRead(`The file is damaged: it is not valid JSON (a ":" without a name${this.where()}).`);
    let name: string;
    try {
      name = JSON.parse(`"${key}"`) as string;
    } catch {
      failRead('The file is damaged: it is not valid JSON (a field name cannot be read).');
      return;
    }
    if (FORBIDDEN_KEYS.has(name)) failRead(`The file contains a field named "${name}", which no backup has.`);
    if (this.depth === 1) {
      if (this.rootKeys.has(name)) failRead(`The file has "${name}" twice at its top.`);
      this.rootKeys.add(name);
      this.rootKey = name;
      if (name === 'data')
        this.sendHeader(`${this.skeleton}${chunk.slice(Math.max(this.skelFrom, 0), at + 1)}`);
    } else if (this.rootKey === 'data') {
      if (this.sectionKeys.has(name)) failRead(`The backup's "${name}" section appears twice.`);
      this.sectionKeys.add(name);
      this.section = name;
      this.index = 0;
    }
  }

  private sendHeader(before: string): void {
    let members: unknown;
    try {
      members = JSON.parse(`${before}null}`);
    } catch {
      failRead('The file is damaged: its header is not valid JSON.');
    }
    this.headerSent = true;
    this.on.header(members as Record<string, unknown>);
  }

  private open(c: number): void {
    this.depth++;
    if (this.depth > this.limits.maxDepth) {
      failRead(
        `The file nests data more than ${this.limits.maxDepth} levels deep${this.where()}: no backup is built that way.`,
      );
    }
    this.stack.push(c);
    if (this.depth <= 2) this.expectKey[this.depth] = c === OPEN_OBJ;
    if (this.depth === 3 && this.rootKey === 'data' && this.section !== null && c === OPEN_ARR) {
      this.on.section(this.section);
    }
  }

  private close(c: number): void {
    const open = this.stack.pop();
    if (open === undefined || (open === OPEN_OBJ) !== (c === CLOSE_OBJ)) {
      failRead(`The file is damaged: it is not valid JSON (a bracket does not match${this.where()}).`);
    }
    if (this.depth === 3 && this.rootKey === 'data' && this.section !== null && c === CLOSE_ARR) {
      this.on.sectionEnd(this.section);
    }
    this.depth--;
    if (this.depth <= 2) this.section = null;
  }

  private endRecord(chunk: string, at: number): void {
    const text = (this.recordText + chunk.slice(Math.max(this.recordFrom, 0), at)).trim();
    this.recordText = null;
    this.recordFrom = -1;
    this.skelFrom = at;
    this.records++;
    this.on.record(this.section!, this.index++, text);
  }

  /** Ends the file: returns the structure around the records, parsed. */
  end(): unknown {
    if (this.inString || this.depth > 0 || this.recordText !== null) {
      failRead('The file is cut short: it ends in the middle of the data. Export the backup again.');
    }
    try {
      const root = JSON.parse(this.skeleton);
      if (!this.headerSent && root && typeof root === 'object' && 'data' in root) {
        failRead('The file is damaged: its "data" cannot be read.');
      }
      return root;
    } catch (e) {
      if (e instanceof BackupReadError) throw e;
      const detail = e instanceof Error ? e.message : String(e);
      const truncated = /end of (JSON )?input|Unterminated/i.test(detail);
      return failRead(
        truncated
          ? `The file is cut short: it ends in the middle of the data (${detail}). Export the backup again.`
          : `The file is damaged: it is not valid JSON (${detail}).`,
      );
    }
  }
}

/**
 * Text of a string or a file, a piece at a time (UTF-8 decoded as it goes; invalid bytes refused).
 * The next piece of a file is being read while this one is scanned: the browser reads the file on
 * its own thread, so reading and checking overlap instead of taking turns.
 */
export async function* textPieces(source: string | Blob, size = 1 << 22): AsyncGenerator<string> {
  if (typeof source === 'string') {
    for (let i = 0; i < source.length; i += size) yield source.slice(i, i + size);
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const read = (at: number) => {
    const pending = source.slice(at, at + size).arrayBuffer();
    pending.catch(() => undefined); // awaited below; not "unhandled" when the file is refused first
    return pending;
  };
  let next = read(0);
  for (let at = 0; at < source.size; at += size) {
    const bytes = await next;
    if (at + size < source.size) next = read(at + size);
    try {
      yield decoder.decode(bytes, { stream: at + size < source.size });
    } catch {
      failRead('The file is not text (it has bytes that are not UTF-8): it is not a backup.');
    }
  }
}
