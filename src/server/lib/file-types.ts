import path from 'node:path';
import { AppError } from '../../core/errors';

/** A file type accepted as evidence: detected from the content's signature, never from the name alone. */
export interface DetectedType {
  kind: 'pdf' | 'docx' | 'xlsx' | 'odt' | 'ods' | 'doc' | 'xls' | 'png' | 'jpeg' | 'gif' | 'webp';
  mime: string;
  extensions: string[];
  /** Shown inline in the browser (PDF, images); others download. */
  inline: boolean;
}

const TYPES: Record<DetectedType['kind'], Omit<DetectedType, 'kind'>> = {
  pdf: { mime: 'application/pdf', extensions: ['.pdf'], inline: true },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'], inline: false },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['.xlsx'], inline: false },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['.odt'], inline: false },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['.ods'], inline: false },
  doc: { mime: 'application/msword', extensions: ['.doc'], inline: false },
  xls: { mime: 'application/vnd.ms-excel', extensions: ['.xls'], inline: false },
  png: { mime: 'image/png', extensions: ['.png'], inline: true },
  jpeg: { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'], inline: true },
  gif: { mime: 'image/gif', extensions: ['.gif'], inline: true },
  webp: { mime: 'image/webp', extensions: ['.webp'], inline: true },
};

const startsWith = (b: Buffer, bytes: number[]) => bytes.every((x, i) => b[i] === x);

function zipKind(b: Buffer): DetectedType['kind'] | null {
  // Office Open XML and OpenDocument are zip files; look at the member names (stored uncompressed in headers).
  const head = b.subarray(0, Math.min(b.length, 1024 * 1024)).toString('latin1');
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'odt';
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  if (!head.includes('[Content_Types].xml')) return null;
  if (head.includes('word/')) return 'docx';
  if (head.includes('xl/')) return 'xlsx';
  return null;
}

/** The content type of a buffer by its signature, or null when it is not an accepted evidence type. */
export function detectType(b: Buffer, extension: string): DetectedType | null {
  let kind: DetectedType['kind'] | null = null;
  if (b.length >= 5 && b.subarray(0, 5).toString('latin1') === '%PDF-') kind = 'pdf';
  else if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) kind = 'png';
  else if (startsWith(b, [0xff, 0xd8, 0xff])) kind = 'jpeg';
  else if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) kind = 'gif';
  else if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') kind = 'webp';
  else if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) kind = zipKind(b);
  else if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // Legacy Office (OLE2): Word and Excel share the signature; the extension decides between them.
    kind = extension === '.xls' ? 'xls' : extension === '.doc' ? 'doc' : null;
  }
  return kind ? { kind, ...TYPES[kind] } : null;
}

/** A file name safe to show and to send back: no folders, no control or reserved characters, NFC, at most 150 characters. */
export function safeFileName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/^\.+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const ext = path.extname(cleaned).slice(0, 10);
  const stem = cleaned.slice(0, cleaned.length - ext.length).slice(0, 140);
  return `${stem || 'tai-lieu'}${ext}`;
}

/**
 * Checks an uploaded evidence file: an accepted type by content signature, consistent with its extension (an
 * executable renamed .pdf is refused), non-empty. Returns the detected type.
 */
export function checkEvidenceFile(buffer: Buffer, filename: string): DetectedType {
  if (buffer.length === 0) throw new AppError('bad_request', { vi: 'Tệp rỗng.', en: 'The file is empty.' });
  const ext = path.extname(safeFileName(filename)).toLowerCase();
  const detected = detectType(buffer, ext);
  if (!detected) {
    throw new AppError('unsupported_media_type', {
      vi: 'Chỉ nhận tài liệu PDF, Word (.docx, .doc, .odt), Excel (.xlsx, .xls, .ods) hoặc ảnh (PNG, JPEG, GIF, WebP); nội dung tệp không khớp loại nào.',
      en: 'Only PDF, Word (.docx, .doc, .odt), Excel (.xlsx, .xls, .ods) or images (PNG, JPEG, GIF, WebP) are accepted; the file content matches none.',
    });
  }
  if (ext && !detected.extensions.includes(ext)) {
    throw new AppError('unsupported_media_type', {
      vi: `Phần mở rộng "${ext}" không khớp với nội dung tệp (${detected.extensions[0]}).`,
      en: `The extension "${ext}" does not match the file content (${detected.extensions[0]}).`,
    });
  }
  return detected;
}
