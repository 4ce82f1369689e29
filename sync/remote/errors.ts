/**
 * Errors of the remote store, the vault layout and the encryption, as classes the UI can put into
 * words: each has a stable `kind` (switch on it, do not parse messages), says whether trying again
 * later can help (`retryable`), and carries what the words need (HTTP status, Retry-After seconds).
 *
 * Nothing here is thrown for a situation that needs a decision rather than a retry (an empty remote,
 * a vault that went back in time): those are values returned by `sync/remote/scan.ts`.
 */

export type SyncErrorKind =
  | 'offline'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'server-full'
  | 'server-error'
  | 'clock-skew'
  | 'not-found'
  | 'already-exists'
  | 'conflict'
  | 'corrupt'
  | 'unexpected-response'
  | 'wrong-passphrase'
  | 'unsupported-format'
  | 'vault-exists'
  | 'vault-changed'
  | 'cloned-device'
  | 'invalid-path';

export abstract class SyncError extends Error {
  abstract readonly kind: SyncErrorKind;
  /** Whether the same call may succeed later without the user changing anything. */
  abstract readonly retryable: boolean;
  /** HTTP status that caused it, when there was one. */
  readonly status?: number;

  constructor(message: string, options?: { status?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options?.status !== undefined) this.status = options.status;
  }
}

/** No connection: refused, DNS failure, connection reset, the network is down. */
export class OfflineError extends SyncError {
  readonly kind = 'offline';
  readonly retryable = true;
}

/** The server did not answer within the store's time limit (a slow server or a stalled connection). */
export class TimeoutError extends SyncError {
  readonly kind = 'timeout';
  readonly retryable = true;
}

/** 401 (or S3's "unknown key / bad signature"): the user name, password or access key is wrong. */
export class UnauthorizedError extends SyncError {
  readonly kind = 'unauthorized';
  readonly retryable = false;
}

/** 403: the credentials are accepted but may not do this (read-only share, bucket policy). */
export class ForbiddenError extends SyncError {
  readonly kind = 'forbidden';
  readonly retryable = false;
}

/** 429 (or S3's 503 SlowDown): too many requests; `retryAfterSeconds` from Retry-After when sent. */
export class RateLimitedError extends SyncError {
  readonly kind = 'rate-limited';
  readonly retryable = true;
  constructor(
    message: string,
    readonly retryAfterSeconds: number | undefined,
    options?: { status?: number; cause?: unknown },
  ) {
    super(message, options);
  }
}

/** 507 Insufficient Storage: the user's quota or disk is full. */
export class ServerFullError extends SyncError {
  readonly kind = 'server-full';
  readonly retryable = true;
}

/** Any other 5xx. `retryAfterSeconds` when a 503 said when to come back. */
export class ServerError extends SyncError {
  readonly kind = 'server-error';
  readonly retryable = true;
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
    options?: { status?: number; cause?: unknown },
  ) {
    super(message, options);
  }
}

/** S3 refused the request because this computer's clock is too far from the server's. */
export class ClockSkewError extends SyncError {
  readonly kind = 'clock-skew';
  readonly retryable = false;
}

/** 404: the file (or folder) is not there. */
export class NotFoundError extends SyncError {
  readonly kind = 'not-found';
  readonly retryable = false;
}

/** A create-once file already exists (412 on MOVE with `Overwrite: F`, or on `If-None-Match: *`). */
export class AlreadyExistsError extends SyncError {
  readonly kind = 'already-exists';
  readonly retryable = false;
}

/** 409 the server could not resolve (a parent folder that cannot be created, a locked resource). */
export class ConflictError extends SyncError {
  readonly kind = 'conflict';
  readonly retryable = true;
}

/**
 * A file is incomplete or damaged: fewer bytes than announced, a bad header, or an authentication tag
 * that does not match (a truncated upload some servers keep, a file from another vault, tampering).
 * A reader must not advance its cursor past such a file; it may be complete on a later try.
 */
export class CorruptError extends SyncError {
  readonly kind = 'corrupt';
  readonly retryable = true;
}

/** An answer the protocol does not allow here (e.g. 400, 405, an unreadable listing). */
export class UnexpectedResponseError extends SyncError {
  readonly kind = 'unexpected-response';
  readonly retryable = false;
}

/** The passphrase does not unwrap the vault key (or `vault.json` was altered). Nothing was written. */
export class WrongPassphraseError extends SyncError {
  readonly kind = 'wrong-passphrase';
  readonly retryable = false;
}

/** The remote was written by a newer Talkmarks (its format or minimum client version is higher). */
export class UnsupportedFormatError extends SyncError {
  readonly kind = 'unsupported-format';
  readonly retryable = false;
}

/** Another device created the vault first; `vaultId` is the one on the server: join it instead. */
export class VaultExistsError extends SyncError {
  readonly kind = 'vault-exists';
  readonly retryable = false;
  constructor(
    message: string,
    readonly vaultId: string,
  ) {
    super(message);
  }
}

/**
 * The server holds a different vault (or a different key) than the one this device pinned: the
 * folder was reset, restored from another backup, or someone swapped the key file. Never merged.
 */
export class VaultChangedError extends SyncError {
  readonly kind = 'vault-changed';
  readonly retryable = false;
  constructor(
    message: string,
    readonly expected: { vaultId: string; fingerprint?: string },
    readonly found: { vaultId: string; fingerprint?: string },
  ) {
    super(message);
  }
}

/**
 * Another installation writes under this device's id (a copied browser profile, or this profile
 * restored from an old backup): a log file with our next sequence number exists with other content.
 * The caller takes a new device id; the other writer's files stay and are read as another device's.
 */
export class ClonedDeviceError extends SyncError {
  readonly kind = 'cloned-device';
  readonly retryable = false;
  constructor(
    message: string,
    readonly deviceId: string,
    readonly seq: number,
  ) {
    super(message);
  }
}

/** A path with characters the layout never uses (only `A-Z a-z 0-9 . _ -` segments separated by `/`). */
export class InvalidPathError extends SyncError {
  readonly kind = 'invalid-path';
  readonly retryable = false;
}
