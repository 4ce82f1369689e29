/**
 * The template's output as the pieces it was written in (recap/list-emitter.ts), read as their
 * concatenation without making it. A recap of 1,000 notes is ~470,000 characters: joined, it is a
 * ~1 MB string of its own, allocated and copied on every compose only to be cut into parts again
 * (recap/post-parts.ts), whose own join is the post. Read here, only the parts are made: a part
 * inside one piece is a slice of it, one across pieces joins a few small slices.
 */
export class Pieces {
  readonly length: number;
  /** The offset where each piece starts in the whole text. */
  private readonly starts: number[];

  constructor(readonly pieces: readonly string[]) {
    const starts: number[] = [];
    let at = 0;
    for (const p of pieces) {
      starts.push(at);
      at += p.length;
    }
    this.starts = starts;
    this.length = at;
  }

  /** The whole text (for what is done in one pass). */
  join(): string {
    return this.pieces.join('');
  }

  /** The index of the piece that holds offset `at` (the last one for the end). */
  private pieceAt(at: number): number {
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The text from `from` up to `to`, as `join().slice(from, to)`. */
  slice(from: number, to: number): string {
    const [head, rest] = this.split(from, to);
    return head + rest;
  }

  /**
   * The text from `from` up to `to` as two strings: what the first piece it starts in holds of it (a
   * slice of that piece: comparing it reads the piece, nothing is copied), then the rest joined; and
   * the length of that first piece (a slice keeps all of it alive).
   */
  split(from: number, to: number): [head: string, rest: string, of: number] {
    from = Math.max(0, from);
    to = Math.min(this.length, to);
    if (to <= from) return ['', '', 0];
    let i = this.pieceAt(from);
    // Skip empty pieces that start where the text does.
    while (this.starts[i]! + this.pieces[i]!.length <= from) i++;
    const first = this.pieces[i]!;
    const start = this.starts[i]!;
    if (to <= start + first.length) return [first.slice(from - start, to - start), '', first.length];
    const rest: string[] = [];
    for (i++; i < this.pieces.length && this.starts[i]! < to; i++) {
      rest.push(this.pieces[i]!.slice(0, to - this.starts[i]!));
    }
    return [first.slice(from - start), rest.join(''), first.length];
  }

  /** Whether `needle` occurs in the whole text (within a piece, or across the seams between pieces). */
  includes(needle: string): boolean {
    if (this.pieces.some((p) => p.includes(needle))) return true;
    if (needle.length < 2) return false;
    for (let i = 1; i < this.pieces.length; i++) {
      const seam = this.starts[i]!;
      if (this.slice(seam - needle.length + 1, seam + needle.length - 1).includes(needle)) return true;
    }
    return false;
  }

  /**
   * Calls `visit` with each line's offset and text, as `join().split('\n')` would give them, but for
   * a last empty line after a final newline. A line inside one piece is a slice of it.
   */
  eachLine(visit: (at: number, line: string) => boolean | undefined): void {
    let carry: string[] = [];
    let lineAt = 0;
    for (let k = 0; k < this.pieces.length; k++) {
      const p = this.pieces[k]!;
      let i = 0;
      for (let nl = p.indexOf('\n'); nl >= 0; nl = p.indexOf('\n', i)) {
        const rest = p.slice(i, nl);
        const line = carry.length === 0 ? rest : carry.length === 1 ? carry[0] + rest : carry.join('') + rest;
        carry = [];
        if (visit(lineAt, line) === false) return;
        i = nl + 1;
        lineAt = this.starts[k]! + i;
      }
      if (i < p.length) carry.push(i === 0 ? p : p.slice(i));
    }
    if (lineAt < this.length) visit(lineAt, carry.length === 1 ? carry[0]! : carry.join(''));
  }
}
