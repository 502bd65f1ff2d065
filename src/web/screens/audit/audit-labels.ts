import type { Lang } from '../../i18n/translate';

type Labels = Record<string, { vi: string; en: string }>;

/** Readable names of audit actions; an unknown action shows its code. */
const ACTIONS: Labels = {
  'auth.login': { vi: 'Đăng nhập', en: 'Logged in' },
  'auth.logout': { vi: 'Đăng xuất', en: 'Logged out' },
  'auth.login_failed': { vi: 'Đăng nhập sai', en: 'Failed login' },
  'auth.account_locked': { vi: 'Khóa tài khoản (sai nhiều lần)', en: 'Account locked (failed logins)' },
  'auth.login_refused_locked': { vi: 'Từ chối đăng nhập (đang khóa)', en: 'Login refused (locked)' },
  'auth.login_throttled': { vi: 'Tạm hoãn đăng nhập (sai nhiều lần)', en: 'Logins delayed (failed attempts)' },
  'auth.change_password': { vi: 'Đổi mật khẩu', en: 'Changed password' },
  'agency.create': { vi: 'Thêm cơ quan', en: 'Created agency' },
  'agency.update': { vi: 'Sửa cơ quan', en: 'Edited agency' },
  'agency.deactivate': { vi: 'Ngừng hoạt động cơ quan', en: 'Deactivated agency' },
  'agency.reactivate': { vi: 'Kích hoạt lại cơ quan', en: 'Reactivated agency' },
  'agency_group.create': { vi: 'Thêm nhóm cơ quan', en: 'Created agency group' },
  'agency_group.update': { vi: 'Sửa nhóm cơ quan', en: 'Edited agency group' },
  'division.create': { vi: 'Thêm phòng', en: 'Created division' },
  'division.update': { vi: 'Sửa phòng', en: 'Edited division' },
  'province.update': { vi: 'Sửa thông tin tỉnh', en: 'Edited province' },
  'user.create': { vi: 'Tạo người dùng', en: 'Created user' },
  'user.update': { vi: 'Sửa người dùng', en: 'Edited user' },
  'user.deactivate': { vi: 'Vô hiệu hóa người dùng', en: 'Deactivated user' },
  'user.reset_password': { vi: 'Đặt lại mật khẩu', en: 'Reset password' },
  'user.unlock': { vi: 'Mở khóa đăng nhập', en: 'Unlocked logins' },
};

const ENTITIES: Labels = {
  agency: { vi: 'Cơ quan', en: 'Agency' },
  agency_group: { vi: 'Nhóm cơ quan', en: 'Agency group' },
  division: { vi: 'Phòng', en: 'Division' },
  province: { vi: 'Tỉnh', en: 'Province' },
  user: { vi: 'Người dùng', en: 'User' },
};

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

export const actionLabel = (a: string, lang: Lang) => label(ACTIONS, a, lang);
export const entityLabel = (e: string, lang: Lang) => label(ENTITIES, e, lang);
export const fieldLabel = (f: string, lang: Lang) => label(FIELDS, f, lang);

/** Tag colour by the kind of action. */
export function actionColor(action: string): string | undefined {
  if (/deactivate|locked|failed|refused/.test(action)) return 'red';
  if (/create|reactivate/.test(action)) return 'green';
  if (/update|reset|change/.test(action)) return 'blue';
  return undefined;
}
