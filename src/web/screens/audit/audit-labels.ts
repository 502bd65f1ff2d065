import { isAuditAction, isAuditEntityType } from '../../../core/domain/audit-catalogue';
import { type Lang, type MessageKey, translate } from '../../i18n/translate';

type Labels = Record<string, { vi: string; en: string }>;

const FIELDS: Labels = {
  code: { vi: 'Mã', en: 'Code' },
  nameVi: { vi: 'Tên (tiếng Việt)', en: 'Name (Vietnamese)' },
  nameEn: { vi: 'Tên (tiếng Anh)', en: 'Name (English)' },
  abbreviation: { vi: 'Viết tắt', en: 'Abbreviation' },
  groupId: { vi: 'Nhóm (mã số)', en: 'Group (id)' },
  parentId: { vi: 'Đơn vị cấp trên (mã số)', en: 'Parent (id)' },
  activeFromYear: { vi: 'Hoạt động từ năm', en: 'Active from' },
  activeToYear: { vi: 'Hoạt động đến năm', en: 'Active to' },
  isActive: { vi: 'Đang hoạt động', en: 'Active' },
  position: { vi: 'Thứ tự', en: 'Order' },
  agencyId: { vi: 'Cơ quan (mã số)', en: 'Agency (id)' },
  username: { vi: 'Tên đăng nhập', en: 'Username' },
  fullName: { vi: 'Họ và tên', en: 'Full name' },
  email: { vi: 'Email', en: 'Email' },
  roles: { vi: 'Vai trò', en: 'Roles' },
  mustChangePassword: { vi: 'Phải đổi mật khẩu', en: 'Must change password' },
  unlocked: { vi: 'Đã mở khóa', en: 'Unlocked' },
  lockedUntil: { vi: 'Khóa đến', en: 'Locked until' },
  governingBodyVi: { vi: 'Cơ quan ban hành', en: 'Governing body' },
};

function label(map: Labels, key: string, lang: Lang): string {
  return map[key]?.[lang] ?? key;
}

/** The name of an audit action from the dictionaries; a code no longer written (older logs) shows as it is. */
export function actionLabel(action: string, lang: Lang): string {
  return isAuditAction(action) ? translate(lang, `auditAction.${action}` as MessageKey) : action;
}

/** The name of an audited object type from the dictionaries. */
export function entityLabel(entityType: string, lang: Lang): string {
  return isAuditEntityType(entityType) ? translate(lang, `auditEntity.${entityType}` as MessageKey) : entityType;
}

/**
 * The object of an entry in words: a criterion score (`leaf_score`, id `95:2.2.1`) reads "Criterion 2.2.1 ·
 * assessment no. 95"; other objects read "<type> #<id>".
 */
export function entityText(entityType: string, entityId: string | null, lang: Lang): { name: string; ref: string | null } {
  const leaf = entityType === 'leaf_score' && entityId ? /^(\d+):(.+)$/.exec(entityId) : null;
  if (leaf) return { name: translate(lang, 'auditEntity.leafOf', { code: leaf[2] ?? '', assessment: leaf[1] ?? '' }), ref: null };
  return { name: entityLabel(entityType, lang), ref: entityId ? `#${entityId}` : null };
}
export const fieldLabel = (f: string, lang: Lang) => label(FIELDS, f, lang);

/** Tag colour by the kind of action. */
export function actionColor(action: string): string | undefined {
  if (/deactivate|locked|failed|refused/.test(action)) return 'red';
  if (/create|reactivate/.test(action)) return 'green';
  if (/update|reset|change/.test(action)) return 'blue';
  return undefined;
}
