/**
 * The closed set of error codes shared by server and browser. The server maps each code to an HTTP status and
 * renders `{ error: { code, message, fields } }`; the browser switches on `code` and shows `message`.
 */

export type Lang = 'vi' | 'en';

interface ErrorSpec {
  status: number;
  vi: string;
  en: string;
}

export const ERROR_CODES = {
  validation_failed: { status: 400, vi: 'Dữ liệu không hợp lệ.', en: 'The data is not valid.' },
  bad_request: { status: 400, vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  invalid_text: {
    status: 400,
    vi: 'Văn bản chứa ký tự không được phép (ký tự NUL, ký tự điều khiển hoặc Unicode bị lỗi).',
    en: 'The text contains characters that are not allowed (NUL, control characters or broken Unicode).',
  },
  malformed_body: {
    status: 400,
    vi: 'Nội dung yêu cầu bị lỗi hoặc không đầy đủ (JSON sai cú pháp, dữ liệu multipart thiếu ranh giới hoặc bị cắt).',
    en: 'The request body is malformed or incomplete (invalid JSON, multipart without a boundary or cut short).',
  },
  unauthenticated: { status: 401, vi: 'Bạn cần đăng nhập.', en: 'You need to log in.' },
  invalid_credentials: {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'Wrong username or password.',
  },
  password_change_required: {
    status: 403,
    vi: 'Bạn cần đổi mật khẩu trước khi tiếp tục.',
    en: 'You need to change your password before going on.',
  },
  csrf_invalid: {
    status: 403,
    vi: 'Phiên làm việc không hợp lệ (CSRF). Vui lòng tải lại trang.',
    en: 'Invalid request token (CSRF). Please reload the page.',
  },
  forbidden: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' },
  not_found: { status: 404, vi: 'Không tìm thấy dữ liệu.', en: 'Not found.' },
  conflict: {
    status: 409,
    vi: 'Dữ liệu đã được người khác thay đổi. Vui lòng tải lại và thử lại.',
    en: 'Someone else changed this record. Reload and try again.',
  },
  duplicate: { status: 409, vi: 'Dữ liệu đã tồn tại.', en: 'This already exists.' },
  invalid_state: {
    status: 409,
    vi: 'Thao tác không hợp lệ ở trạng thái hiện tại.',
    en: 'This action is not allowed in the current state.',
  },
  deadline_passed: { status: 409, vi: 'Đã quá hạn.', en: 'The deadline has passed.' },
  period_published: {
    status: 409,
    vi: 'Kỳ đánh giá đã công bố kết quả: không tạo phiếu khảo sát hay áp dụng điểm khảo sát cho kỳ này được nữa.',
    en: 'The period is published: its surveys and survey points can no longer change.',
  },
  phase_closed: { status: 409, vi: 'Giai đoạn này chưa mở hoặc đã đóng.', en: 'This phase is not open.' },
  immutable: {
    status: 409,
    vi: 'Dữ liệu đã được công bố và không thể sửa.',
    en: 'This record is published and cannot be changed.',
  },
  import_failed: {
    status: 422,
    vi: 'Tệp nhập có lỗi; chưa có dữ liệu nào được nhập.',
    en: 'The import file has errors; nothing was imported.',
  },
  payload_too_large: { status: 413, vi: 'Tệp hoặc dữ liệu quá lớn.', en: 'The file or payload is too large.' },
  spreadsheet_too_large: {
    status: 413,
    vi: 'Bảng tính vượt quá giới hạn cho phép; chưa có dữ liệu nào được đọc.',
    en: 'The spreadsheet exceeds an allowed limit; nothing was read.',
  },
  unsupported_media_type: {
    status: 415,
    vi: 'Loại tệp không được hỗ trợ.',
    en: 'This file type is not supported.',
  },
  rate_limited: {
    status: 429,
    vi: 'Quá nhiều yêu cầu. Vui lòng thử lại sau.',
    en: 'Too many requests. Please try again later.',
  },
  database_locked: {
    status: 503,
    vi: 'Thư mục dữ liệu đang được một tiến trình khác sử dụng.',
    en: 'The data folder is in use by another process.',
  },
  file_missing: {
    status: 503,
    vi: 'Không tìm thấy nội dung tệp trong kho lưu trữ. Quản trị cần khôi phục tệp từ bản sao lưu.',
    en: 'The stored content of this file is missing. An administrator must restore it from a backup.',
  },
  unavailable: { status: 503, vi: 'Dịch vụ tạm thời không khả dụng.', en: 'The service is temporarily unavailable.' },
  internal: {
    status: 500,
    vi: 'Đã có lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị với mã yêu cầu.',
    en: 'Something went wrong on our side. Try again; if it persists, report the request id.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A field-level problem: `path` is the dotted field path (e.g. `levels.0.points`), `message` localised. */
export interface FieldError {
  path: string;
  message: string;
}

/** The JSON body of every error reply. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: FieldError[];
    details?: Record<string, unknown>;
    requestId?: string;
  };
}

/** A localisable message: the same text in Vietnamese and English. */
export interface Bilingual {
  vi: string;
  en: string;
}

/**
 * The one error type of the project. `message` overrides the code's default text when given (in both
 * languages); `fields` lists field errors; `details` carries machine-readable context (e.g. `lockedUntil`).
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly bilingual: Bilingual;
  readonly fields: { path: string; message: Bilingual }[];
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message?: Bilingual,
    options: { fields?: { path: string; message: Bilingual }[]; details?: Record<string, unknown> } = {},
  ) {
    const spec = ERROR_CODES[code];
    const bilingual = message ?? { vi: spec.vi, en: spec.en };
    super(bilingual.en);
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.bilingual = bilingual;
    this.fields = options.fields ?? [];
    this.details = options.details;
  }
}

/** HTTP status of an error code. */
export function statusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

/** Default message of an error code in a language. */
export function defaultMessage(code: ErrorCode, lang: Lang): string {
  return ERROR_CODES[code][lang];
}

/** True when `value` is a well-formed error body (used by the browser client to parse replies). */
export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const err = (value as { error?: unknown }).error;
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string';
}
