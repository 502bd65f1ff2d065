import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from '../../core/errors';
import { checkPart } from '../plugins/sanitise';
import { HashingStream } from './storage';
import { uploadTooLarge } from './uploads';

/** How much of the start of a file is kept in memory for type detection (zip member names of Office files). */
const HEAD_BYTES = 1024 * 1024;

/**
 * An uploaded file held in a temporary file while it is checked and stored (never whole in memory): its size,
 * SHA-256 and first megabyte are known; `open` streams it; `dispose` removes the temporary file.
 */
export interface SpooledUpload {
  filename: string;
  mimetype: string;
  fields: Record<string, string>;
  size: number;
  sha256: string;
  head: Buffer;
  open(): Readable;
  dispose(): Promise<void>;
}

/** Keeps the first `limit` bytes that pass. */
class HeadCapture extends Transform {
  private chunks: Buffer[] = [];
  private kept = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.kept < this.limit) {
      const part = chunk.subarray(0, this.limit - this.kept);
      this.chunks.push(Buffer.from(part));
      this.kept += part.length;
    }
    done(null, chunk);
  }
  head(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** An in-memory upload in the same shape (generated content, tests). */
export function spooledFromBuffer(buffer: Buffer, filename: string, fields: Record<string, string> = {}, mimetype = 'application/octet-stream'): SpooledUpload {
  return {
    filename,
    mimetype,
    fields,
    size: buffer.length,
    sha256: crypto.createHash('sha256').update(buffer).digest('hex'),
    head: buffer.subarray(0, HEAD_BYTES),
    open: () => Readable.from([buffer]),
    dispose: async () => undefined,
  };
}

/**
 * Streams one uploaded file (multipart field `file`, at most `maxBytes`) into a temporary file, hashing it on the
 * way: `payload_too_large` beyond the limit, `bad_request` when no file or an empty one was sent. The caller must
 * `dispose()` the result.
 */
export async function spoolSingleUpload(req: FastifyRequest, maxBytes: number): Promise<SpooledUpload> {
  if (!req.isMultipart()) {
    throw new AppError('unsupported_media_type', {
      vi: 'Cần gửi tệp dạng multipart/form-data (trường "file").',
      en: 'Send the file as multipart/form-data (field "file").',
    });
  }
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'parindex-upload-'));
  const dispose = () => fsp.rm(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  let upload: SpooledUpload | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 10_000 } })) {
      const value = checkPart(part);
      if (part.type !== 'file') {
        fields[part.fieldname] = value ?? '';
        continue;
      }
      const file = path.join(dir, 'content');
      const hashing = new HashingStream();
      const head = new HeadCapture(HEAD_BYTES);
      await pipeline(part.file, head, hashing, fs.createWriteStream(file, { flags: 'wx' }));
      if (part.file.truncated) throw uploadTooLarge(maxBytes);
      upload = {
        filename: part.filename,
        mimetype: part.mimetype,
        fields,
        size: hashing.size,
        sha256: hashing.sha256(),
        head: head.head(),
        open: () => fs.createReadStream(file),
        dispose,
      };
    }
    if (!upload) throw new AppError('bad_request', { vi: 'Chưa chọn tệp.', en: 'No file was sent.' });
    if (upload.size === 0) throw new AppError('bad_request', { vi: 'Tệp rỗng.', en: 'The file is empty.' });
    return upload;
  } catch (err) {
    await dispose();
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw uploadTooLarge(maxBytes);
    throw err;
  }
}
