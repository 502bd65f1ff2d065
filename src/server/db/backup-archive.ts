import crypto from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** What is wrong with a backup or its restore: `code` for programs, the message for people. */
export type BackupProblem =
  | 'unknown_format'
  | 'truncated'
  | 'altered'
  | 'migration_mismatch'
  | 'target_not_empty'
  | 'storage'
  | 'source';

/** A backup that cannot be written, read, verified or restored; nothing was restored when this is thrown by restore. */
export class BackupError extends Error {
  constructor(
    readonly problem: BackupProblem,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Resolves when a writable can take more, rejects when it closed or failed first. */
export function drained(stream: NodeJS.WritableStream & { errored?: Error | null }): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', fail);
      resolve();
    };
    const fail = () => {
      stream.off('drain', done);
      stream.off('close', fail);
      reject(stream.errored ?? new Error('the stream closed'));
    };
    stream.on('drain', done);
    stream.on('close', fail);
  });
}

const BLOCK = 512;
const ZERO = Buffer.alloc(BLOCK * 2);
const MAX_OCTAL_SIZE = 8 ** 11 - 1;

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  header.write(`${value.toString(8).padStart(length - 1, '0')}\0`, offset, length, 'ascii');
}

function checksumOf(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

/** A ustar header for a regular file; sizes past 8 GiB use the base-256 form GNU tar and bsdtar read. */
function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  writeOctal(h, 0o644, 100, 8);
  writeOctal(h, 0, 108, 8);
  writeOctal(h, 0, 116, 8);
  if (size <= MAX_OCTAL_SIZE) writeOctal(h, size, 124, 12);
  else {
    h[124] = 0x80;
    let v = BigInt(size);
    for (let i = 135; i > 124; i--) {
      h[i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }
  writeOctal(h, Math.floor(mtime.getTime() / 1000), 136, 12);
  h.write('0', 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write(`${checksumOf(h).toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

/**
 * Writes a tar archive (POSIX ustar, regular files only) to a stream, entry after entry, with backpressure. Each
 * entry's size is given up front and checked; the SHA-256 of each entry's content is returned.
 */
export class TarWriter {
  bytes = 0;
  constructor(
    private readonly out: Writable,
    private readonly mtime: Date,
  ) {}

  private async write(chunk: Buffer): Promise<void> {
    this.bytes += chunk.length;
    if (this.out.destroyed) throw this.out.errored ?? new Error('the backup output closed');
    if (!this.out.write(chunk)) await drained(this.out);
  }

  /** Adds an entry of exactly `size` bytes from `content`; returns its SHA-256. */
  async add(name: string, size: number, content: AsyncIterable<Buffer> | Buffer): Promise<string> {
    await this.write(tarHeader(name, size, this.mtime));
    const hash = crypto.createHash('sha256');
    let written = 0;
    for await (const chunk of Buffer.isBuffer(content) ? [content] : content) {
      const c = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      written += c.length;
      if (written > size) throw new BackupError('source', `${name}: more than the ${size} bytes announced`);
      hash.update(c);
      await this.write(c);
    }
    if (written !== size) throw new BackupError('source', `${name}: ${written} bytes instead of the ${size} announced`);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) await this.write(ZERO.subarray(0, pad));
    return hash.digest('hex');
  }

  /** Writes the end-of-archive marker and ends the stream once everything is flushed. */
  async finish(): Promise<void> {
    await this.write(ZERO);
    this.out.end();
    await once(this.out, 'finish');
  }
}

/** Reads exact byte counts from an async iterator of chunks. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  private ended = false;
  offset = 0;
  constructor(private readonly it: AsyncIterator<Buffer>) {}

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const r = await this.it.next();
    if (r.done) {
      this.ended = true;
      return false;
    }
    const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    return true;
  }

  /** Exactly n bytes, or null when the input ends first (`partial` tells whether some bytes were there). */
  async exact(n: number): Promise<{ data: Buffer } | { data: null; partial: boolean }> {
    while (this.buf.length < n) if (!(await this.fill())) return { data: null, partial: this.buf.length > 0 };
    const data = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    this.offset += n;
    return { data };
  }

  /** The next n bytes as chunks; throws `truncated` when the input ends first. */
  async *take(n: number, what: string): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (!this.buf.length && !(await this.fill())) {
        throw new BackupError('truncated', `The backup is truncated: ${what} ends after ${n - left} of its ${n} bytes.`);
      }
      const c = this.buf.subarray(0, Math.min(left, this.buf.length));
      this.buf = this.buf.subarray(c.length);
      this.offset += c.length;
      left -= c.length;
      yield c;
    }
  }

  /** True when nothing but zero bytes remains. */
  async restIsZero(): Promise<boolean> {
    for (;;) {
      if (this.buf.some((b) => b !== 0)) return false;
      this.buf = Buffer.alloc(0);
      if (!(await this.fill())) return true;
    }
  }
}

function readOctal(h: Buffer, offset: number, length: number): number | null {
  if (h[offset]! & 0x80) {
    let v = BigInt(h[offset]! & 0x7f);
    for (let i = offset + 1; i < offset + length; i++) v = (v << 8n) | BigInt(h[i]!);
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : null;
  }
  const text = h.subarray(offset, offset + length).toString('ascii').replace(/[\0 ]+$/, '').replace(/^ +/, '');
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : null;
}

/** One entry of an archive being read: read `body` to the end (or not at all) before asking for the next. */
export interface TarEntry {
  name: string;
  size: number;
  body: AsyncIterable<Buffer>;
}

/**
 * Reads a tar archive from a stream of chunks, entry by entry, without holding any entry in memory. An input that
 * ends before the end-of-archive marker is `truncated`; a header whose checksum fails is `altered`; anything that is
 * not a ustar archive of regular files is `unknown_format`.
 */
export async function* readTar(input: AsyncIterable<Buffer>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(input[Symbol.asyncIterator]());
  let index = 0;
  for (;;) {
    const at = reader.offset;
    const block = await reader.exact(BLOCK);
    if (!block.data) {
      if (at === 0 && block.partial) throw new BackupError('unknown_format', 'Not a ParIndex backup: too short for a tar archive.');
      throw new BackupError('truncated', at === 0 ? 'The backup file is empty.' : `The backup is truncated after ${at} bytes (no end-of-archive marker).`);
    }
    const h = block.data;
    if (h.every((b) => b === 0)) {
      const second = await reader.exact(BLOCK);
      if (!second.data) throw new BackupError('truncated', `The backup is truncated after ${reader.offset} bytes (end-of-archive marker cut).`);
      if (!second.data.every((b) => b === 0) || !(await reader.restIsZero())) {
        throw new BackupError('altered', 'The backup has data after its end-of-archive marker.');
      }
      return;
    }
    const magic = h.subarray(257, 262).toString('ascii');
    const stored = readOctal(h, 148, 8);
    if (index === 0 && h[0] === 0x1f && h[1] === 0x8b) {
      throw new BackupError('unknown_format', 'Not a ParIndex backup of this format: a gzip file (format 1 backups of older versions hold no files and cannot be restored).');
    }
    if (magic !== 'ustar') {
      throw new BackupError('unknown_format', index === 0 ? 'Not a ParIndex backup (not a tar archive).' : `Entry ${index + 1} at byte ${at} is not a tar header.`);
    }
    if (stored !== checksumOf(h)) throw new BackupError('altered', `The backup was altered: the tar header at byte ${at} fails its checksum.`);
    const type = String.fromCharCode(h[156]!);
    const base = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const prefix = h.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const name = prefix ? `${prefix}/${base}` : base;
    const size = readOctal(h, 124, 12);
    if (size === null) throw new BackupError('altered', `The backup was altered: the size of ${name} is unreadable.`);
    if (type !== '0' && type !== '\0') throw new BackupError('unknown_format', `Unexpected entry ${name} (type ${JSON.stringify(type)}): a ParIndex backup holds only files.`);
    const body = reader.take(size, name);
    // The consumer may stop early: its iterator has no return(), so the rest is skipped here, not lost.
    const view: AsyncIterableIterator<Buffer> = {
      next: () => body.next(),
      [Symbol.asyncIterator]() {
        return view;
      },
    };
    yield { name, size, body: view };
    while (!(await body.next()).done);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) {
      const padding = await reader.exact(pad);
      if (!padding.data) throw new BackupError('truncated', `The backup is truncated in the padding after ${name}.`);
    }
    index++;
  }
}
