import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { AppError } from '../../core/errors';
import { checkPart } from '../plugins/sanitise';

export interface Upload {
  filename: string;
  mimetype: string;
  buffer: Buffer;
  fields: Record<string, string>;
}

/** `payload_too_large` naming the size limit of this upload (details: limit `uploadBytes`, max in bytes). */
export function uploadTooLarge(maxBytes: number): AppError {
  const mib = (maxBytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 });
  return new AppError(
    'payload_too_large',
    { vi: `Tệp quá lớn (tối đa ${mib.replace('.', ',')} MiB).`, en: `The file is too large (at most ${mib} MiB).` },
    { details: { limit: 'uploadBytes', max: maxBytes } },
  );
}

/** Reads one uploaded file (multipart field `file`) up to `maxBytes`; `payload_too_large` beyond, `bad_request` if absent. */
export async function readSingleUpload(req: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new AppError('unsupported_media_type', {
      vi: 'Cần gửi tệp dạng multipart/form-data (trường "file").',
      en: 'Send the file as multipart/form-data (field "file").',
    });
  }
  const fields: Record<string, string> = {};
  let file: Upload | null = null;
  for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 10_000 } })) {
    const value = checkPart(part);
    if (part.type === 'file') {
      let buffer: Buffer;
      try {
        buffer = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw uploadTooLarge(maxBytes);
        throw err;
      }
      if (part.file.truncated) throw uploadTooLarge(maxBytes);
      file = { filename: part.filename, mimetype: part.mimetype, buffer, fields };
    } else {
      fields[part.fieldname] = value ?? '';
    }
  }
  if (!file) {
    throw new AppError('bad_request', { vi: 'Chưa chọn tệp.', en: 'No file was sent.' });
  }
  if (file.buffer.length === 0) {
    throw new AppError('bad_request', { vi: 'Tệp rỗng.', en: 'The file is empty.' });
  }
  return file;
}
