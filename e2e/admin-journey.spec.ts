import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, type Harness, pickOption, startHarness } from './harness';

const AGENCY = { code: 'E2E-TEST', nameVi: 'Sở Thử nghiệm Tự động', nameEn: 'Department of Automated Testing' };
const USER = { username: 'e2e.focal', fullName: 'Trần Thị Kiểm Thử', initial: 'KhoiTao-2026', changed: 'DaDoi-Moi-2027' };

async function login(page: Page, username: string, password: string) {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Picks an option of an antd Select (inside `scope`) opened from its labelled input. */
async function choose(page: Page, scope: Locator, label: string, option: string | RegExp, typed?: string) {
  await pickOption(page, scope.getByLabel(label, { exact: true }), option, typed);
}

describe('administrator journey (Chromium, Vietnamese UI)', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows the login page in Vietnamese to an anonymous visitor', async () => {
    await page.goto(`${h.baseUrl}/admin/agencies`);
    await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await h.screenshot('01-login');
  });

  it('refuses a wrong password with the server message', async () => {
    await login(page, 'admin', 'sai-mat-khau-1');
    await page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.' }).waitFor();
  });

  it('slows down repeated wrong passwords from this browser and says how long to wait', async () => {
    const throttled = page.getByRole('alert').filter({ hasText: 'Đăng nhập sai quá nhiều lần từ thiết bị này' });
    // Five failures are free; from the sixth each one delays the next attempt (1 s, 2 s, 4 s…).
    for (let i = 0; i < 10 && !(await throttled.isVisible()); i++) {
      await login(page, 'stp.focal', `sai-mat-khau-${i}`);
      await page.getByRole('button', { name: 'Đăng nhập' }).and(page.locator(':not(.ant-btn-loading)')).waitFor();
    }
    await throttled.waitFor();
    expect(await throttled.textContent()).toMatch(/Vui lòng thử lại sau \d+ giây/);
    await h.screenshot('01b-throttled');
  });

  it('logs the administrator in and returns to the page asked for', async () => {
    await login(page, 'admin', DEMO_PASSWORD);
    await page.getByRole('heading', { name: 'Cơ quan, đơn vị', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/agencies');
    await page.getByText('Sở Nội vụ').first().waitFor();
    await h.screenshot('02-agencies');
  });

  it('creates an agency in the drawer and finds it by an unaccented search', async () => {
    await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Mã', { exact: true }).fill(AGENCY.code);
    await drawer.getByLabel('Tên cơ quan (tiếng Việt)').fill(AGENCY.nameVi);
    await drawer.getByLabel('Tên tiếng Anh').fill(AGENCY.nameEn);
    await choose(page, drawer, 'Nhóm cơ quan', 'Sở, ban, ngành');
    await h.screenshot('03-agency-drawer');
    await drawer.getByRole('button', { name: 'Thêm cơ quan' }).click();
    await page.getByText(`Đã thêm cơ quan ${AGENCY.code}.`).waitFor();

    await page.getByLabel('Tìm cơ quan, đơn vị').fill('thu nghiem tu dong');
    await page.getByText('1 bản ghi').waitFor();
    await page.getByRole('button', { name: AGENCY.nameVi }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('thu nghiem tu dong');
  });

  it('creates a focal-point account for that agency', async () => {
    await page.getByRole('link', { name: 'Người dùng' }).click();
    await page.getByRole('heading', { name: 'Người dùng', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Tên đăng nhập').fill(USER.username);
    await drawer.getByLabel('Họ và tên').fill(USER.fullName);
    await drawer.getByLabel('Mật khẩu ban đầu').fill(USER.initial);
    await choose(page, drawer, 'Vai trò', 'Cán bộ đầu mối CCHC');
    await choose(page, drawer, 'Cơ quan', `${AGENCY.code} — ${AGENCY.nameVi}`, 'thu nghiem');
    await h.screenshot('04-user-drawer');
    await drawer.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText(`Đã tạo tài khoản ${USER.username}`).waitFor();
    await page.getByRole('button', { name: 'Tôi đã lưu lại' }).click();
    await page.getByRole('cell', { name: USER.fullName }).waitFor();
  });

  it('sees that the account is being slowed down and unlocks it', async () => {
    await page.getByLabel('Tìm người dùng').fill('stp.focal');
    await page.getByRole('button', { name: 'stp.focal', exact: true }).click();
    const drawer = page.getByRole('dialog');
    const notice = drawer.getByTestId('user-throttled');
    await notice.waitFor();
    await h.screenshot('04b-user-throttled');
    await notice.getByRole('button', { name: 'Mở khóa' }).click();
    await page.getByText('Đã mở khóa tài khoản stp.focal.').waitFor();
    await notice.waitFor({ state: 'detached' });
    await drawer.getByRole('button', { name: 'Hủy' }).click();
    await page.getByLabel('Tìm người dùng').fill('');
  });

  it('logs out', async () => {
    await page.getByRole('button', { name: 'Tài khoản: Quản trị hệ thống' }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
  });

  it('makes the new user change the initial password, then shows their agency on the home page', async () => {
    await login(page, USER.username, USER.initial);
    await page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).waitFor();
    await h.screenshot('05-forced-password');
    await page.getByLabel('Mật khẩu hiện tại').fill(USER.initial);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(USER.changed);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(USER.changed);
    await page.getByRole('button', { name: 'Đổi mật khẩu và tiếp tục' }).click();
    await page.getByRole('heading', { name: USER.fullName, level: 1 }).waitFor();
    expect(await page.getByTestId('home-agency').textContent()).toBe(AGENCY.nameVi);
    expect(await page.getByTestId('workplace').textContent()).toContain(AGENCY.nameVi);
    await page.getByText('Cán bộ đầu mối CCHC').first().waitFor();
    // Last year has no period in the demo: the home page lands on the period in progress (2020, self-assessment).
    await expect.poll(() => page.getByLabel('Kỳ đánh giá', { exact: true }).inputValue()).toBe('2020');
    await h.screenshot('06-home-focal');
  });

  it('switches the interface to English in one click', async () => {
    const english = page.getByRole('radio', { name: 'English' });
    await page.getByText('English', { exact: true }).click();
    // The English dictionary loads on demand; the page switches once it is there.
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Home' }).waitFor();
    expect(await english.isChecked()).toBe(true);
    await nav.getByRole('link', { name: 'Agencies' }).waitFor();
    await page.getByText('Workplace').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await h.screenshot('07-home-english');
    await nav.getByRole('link', { name: 'Agencies' }).click();
    await page.getByRole('heading', { name: 'Agencies', level: 1 }).waitFor();
    await page.getByRole('columnheader', { name: 'Agency group' }).waitFor();
  });

  it('kept the browser console clean', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
