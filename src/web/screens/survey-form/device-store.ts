/**
 * What the respondent's device keeps (localStorage), per questionnaire token and one-time code: the answers so
 * far, the screen reached, the idempotency key (made once, reused for every retry until a receipt arrives), the
 * questionnaire itself (so a reload on a dropped connection still shows the form) and, at the end, the receipt.
 */
import type { PublicQuestionnaire, SubmissionReceipt } from '../../api/surveys';
import type { AnswerMap } from './answers';

export interface DeviceRecord {
  /** Idempotency key of this form's submission: 16–100 characters [A-Za-z0-9_-]. */
  key: string;
  answers: AnswerMap;
  /** -1 = the start screen, then the section index. */
  step: number;
  /** The respondent group chosen on an open link (a code fixes it). */
  group: string | null;
  savedAt: string | null;
  receipt: SubmissionReceipt | null;
}

const PREFIX = 'parindex.survey';

export function recordKey(token: string, code: string | null): string {
  return `${PREFIX}.${token}.${code ?? '-'}`;
}
const questionnaireKey = (token: string, code: string | null) => `${PREFIX}.${token}.${code ?? '-'}.form`;

/** A fresh idempotency key: 24 random bytes in base64url (32 characters); works on plain http too (no randomUUID). */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function emptyRecord(): DeviceRecord {
  return { key: newIdempotencyKey(), answers: {}, step: -1, group: null, savedAt: null, receipt: null };
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const KEY_RE = /^[A-Za-z0-9_-]{16,100}$/;

/** The stored record, or a fresh one (a damaged record is replaced, never trusted). */
export function loadRecord(token: string, code: string | null): DeviceRecord {
  const raw = storage()?.getItem(recordKey(token, code));
  if (!raw) return emptyRecord();
  try {
    const r = JSON.parse(raw) as Partial<DeviceRecord>;
    if (typeof r.key !== 'string' || !KEY_RE.test(r.key)) return emptyRecord();
    return {
      key: r.key,
      answers: r.answers && typeof r.answers === 'object' ? r.answers : {},
      step: typeof r.step === 'number' ? r.step : -1,
      group: typeof r.group === 'string' ? r.group : null,
      savedAt: typeof r.savedAt === 'string' ? r.savedAt : null,
      receipt: r.receipt && typeof r.receipt.receipt === 'string' ? r.receipt : null,
    };
  } catch {
    return emptyRecord();
  }
}

/** Saves the record; false when the device refuses (private mode, full storage). */
export function saveRecord(token: string, code: string | null, record: DeviceRecord): boolean {
  try {
    storage()?.setItem(recordKey(token, code), JSON.stringify(record));
    return storage() !== null;
  } catch {
    return false;
  }
}

/** After a receipt: the answers leave the device, the receipt stays (a reload shows the thank-you again). */
export function keepOnlyReceipt(token: string, code: string | null, record: DeviceRecord, receipt: SubmissionReceipt): DeviceRecord {
  const done: DeviceRecord = { ...record, answers: {}, receipt };
  saveRecord(token, code, done);
  try {
    storage()?.removeItem(questionnaireKey(token, code));
  } catch {
    /* nothing to clean */
  }
  return done;
}

export function forgetRecord(token: string, code: string | null): void {
  try {
    storage()?.removeItem(recordKey(token, code));
    storage()?.removeItem(questionnaireKey(token, code));
  } catch {
    /* ignore */
  }
}

export function cacheQuestionnaire(token: string, code: string | null, q: PublicQuestionnaire): void {
  try {
    storage()?.setItem(questionnaireKey(token, code), JSON.stringify(q));
  } catch {
    /* the form still works online */
  }
}

export function cachedQuestionnaire(token: string, code: string | null): unknown {
  try {
    const raw = storage()?.getItem(questionnaireKey(token, code));
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}
