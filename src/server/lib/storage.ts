import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a caller knows about content before it is stored; a mismatch stores nothing. */
export interface Expected {
  sha256?: string;
  size?: number;
}

/** One stored object as listed. */
export interface StoredEntry {
  key: string;
  size: number;
  modifiedAt: Date;
}

/**
 * Where file contents live (evidence, task outputs, backups): a local folder by default, an S3-compatible bucket
 * when S3_BUCKET is set. Stream-first: no method holds a whole file in memory.
 */
export interface FileStorage {
  /** `local` or `s3`, and where (a folder, or endpoint/bucket/prefix), for messages and the admin screen. */
  readonly kind: 'local' | 's3';
  readonly location: string;
  /**
   * Stores the stream under `key`, replacing any object there; the object appears only once it is complete. With
   * `expected`, content that does not hash to `expected.sha256` (or has another size) is refused and nothing stays.
   */
  putStream(key: string, body: Readable, expected?: Expected): Promise<{ size: number; sha256: string }>;
  /** The content of `key`; rejects with {@link StorageMissingError} when there is none. */
  stream(key: string): Promise<Readable>;
  /** The size of `key`, or null when it is absent. */
  stat(key: string): Promise<{ size: number } | null>;
  exists(key: string): Promise<boolean>;
  /** Removes `key` (no error when it is already gone). */
  remove(key: string): Promise<void>;
  /** The objects whose keys start with `prefix` (a folder such as `backups/`, or '' for all). */
  list(prefix: string): AsyncIterable<StoredEntry>;
  /** Throws a readable error when the storage cannot be reached or written to (readiness, startup checks). */
  check(): Promise<void>;
}

/** The object was not found in the storage. */
export class StorageMissingError extends Error {
  readonly code = 'storage_missing';
  constructor(readonly key: string) {
    super(`stored object ${key} is missing`);
    this.name = 'StorageMissingError';
  }
}

/** The content did not match what the caller expected; nothing was stored. */
export class StorageChecksumError extends Error {
  readonly code = 'storage_checksum';
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`content for ${key} refused: ${detail}`);
    this.name = 'StorageChecksumError';
  }
}

/** The storage key of content with this SHA-256: content-addressed, so the same bytes are stored once. */
export function storageKeyFor(sha256: string): string {
  return `${sha256.slice(0, 2)}/${sha256}`;
}

const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Refuses keys that could leave the storage's folder or prefix: segments of letters, digits, `._-`, none starting with a dot. */
export function assertKey(key: string): void {
  if (!KEY.test(key) || key.length > 512) throw new Error(`invalid storage key ${JSON.stringify(key)}`);
}

/** A pass-through that counts and hashes what flows through it. */
export class HashingStream extends Transform {
  private readonly hash = crypto.createHash('sha256');
  size = 0;
  private digest: string | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    done(null, chunk);
  }

  /** The hex SHA-256 of everything that passed (call after the stream ended). */
  sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}

/** Throws {@link StorageChecksumError} when the stored bytes differ from what was expected. */
export function checkExpected(key: string, got: { size: number; sha256: string }, expected: Expected | undefined): void {
  if (expected?.size !== undefined && got.size !== expected.size) {
    throw new StorageChecksumError(key, `${got.size} bytes instead of ${expected.size}`);
  }
  if (expected?.sha256 !== undefined && got.sha256 !== expected.sha256) {
    throw new StorageChecksumError(key, `SHA-256 ${got.sha256} instead of ${expected.sha256}`);
  }
}

/** Stores a buffer (small generated content: demo files, tests). */
export function putBuffer(storage: FileStorage, key: string, content: Buffer, expected?: Expected) {
  return storage.putStream(key, Readable.from([content]), expected);
}

/** Files under a folder, written atomically (temporary file, checked, then renamed) so a crash never leaves half a file. */
export class LocalStorage implements FileStorage {
  readonly kind = 'local' as const;
  constructor(readonly root: string) {}

  get location(): string {
    return this.root;
  }

  private pathOf(key: string): string {
    assertKey(key);
    return path.join(this.root, key);
  }

  async putStream(key: string, body: Readable, expected?: Expected): Promise<{ size: number; sha256: string }> {
    const target = this.pathOf(key);
    // Temporary files live under .tmp/ (no key can start with a dot), on the same file system as their target.
    const tmpDir = path.join(this.root, '.tmp');
    await fsp.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${crypto.randomBytes(8).toString('hex')}.part`);
    const hashing = new HashingStream();
    try {
      await pipeline(body, hashing, fs.createWriteStream(tmp, { flags: 'wx' }));
      const got = { size: hashing.size, sha256: hashing.sha256() };
      checkExpected(key, got, expected);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(tmp, target);
      return got;
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  async stream(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    const handle = await fsp.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new StorageMissingError(key) : err;
    });
    return handle.createReadStream();
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const s = await fsp.stat(this.pathOf(key));
      return s.isFile() ? { size: s.size } : null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async remove(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<StoredEntry> {
    const walk = async function* (dir: string, rel: string): AsyncGenerator<StoredEntry> {
      let entries: fs.Dirent[];
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw err;
      }
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (e.name.startsWith('.')) continue;
        const key = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) yield* walk(path.join(dir, e.name), key);
        else if (e.isFile() && key.startsWith(prefix)) {
          const s = await fsp.stat(path.join(dir, e.name));
          yield { key, size: s.size, modifiedAt: s.mtime };
        }
      }
    };
    // Start at the deepest folder the prefix names, so listing backups/ does not walk every evidence folder.
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    if (folder) assertKey(folder);
    yield* walk(folder ? path.join(this.root, folder) : this.root, folder);
  }

  async check(): Promise<void> {
    await fsp.mkdir(this.root, { recursive: true });
    await fsp.access(this.root, fs.constants.W_OK);
  }
}

/** The S3 settings of the configuration (S3_* variables). */
export interface S3Settings {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  forcePathStyle: boolean;
}

/**
 * The storage of uploaded files: the S3-compatible bucket when S3_BUCKET is set (the SDK is loaded only then), else
 * the upload folder.
 */
export async function createStorage(config: { uploadDir: string; s3: S3Settings | null }): Promise<FileStorage> {
  return config.s3 ? openS3Storage(config.s3, '') : new LocalStorage(config.uploadDir);
}

/** An S3 storage whose keys live under `prefix` of the bucket (backups use `backups/`). */
export async function openS3Storage(settings: S3Settings, prefix: string): Promise<FileStorage> {
  const { S3Storage } = await import('./storage-s3');
  return new S3Storage(settings, prefix);
}
