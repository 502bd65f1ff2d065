/**
 * The internal council, initiatives and commendation proposals in Chromium (issue 6, parts 5 and 6), on the demo
 * province: Ban Dân tộc's head assigns the 2018 leaves to divisions, scores the divisions (two tie), records the
 * council and exports its sheet; a division head registers an initiative that the head approves; the secretariat
 * generates the 2019 commendation proposals (the new initiative among them) and approves one.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type Harness, pickOption, startHarness } from './harness';

const INITIATIVE = 'Một cửa điện tử cho hồ sơ chính sách dân tộc';

async function loginAs(h: Harness, username: string): Promise<void> {
  await h.context.clearCookies();
  await h.page.goto(`${h.baseUrl}/login`);
  await h.page.getByLabel('Tên đăng nhập').fill(username);
  await h.page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await h.page.getByRole('button', { name: 'Đăng nhập' }).click();
  await h.page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await h.page.locator('.pi-topbar').waitFor();
}

async function logout(h: Harness, username: string): Promise<void> {
  const fullName = DEMO_ACCOUNTS.find((a) => a.username === username)?.fullName ?? username;
  await h.page.getByRole('button', { name: `Tài khoản: ${fullName}` }).click();
  await h.page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await h.page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
}

async function chooseYear(page: Page, year: number): Promise<void> {
  await page.getByLabel('Kỳ đánh giá', { exact: true }).selectOption(String(year));
}

/** Picks an option of the antd Select opened from its accessible label. */
async function pick(page: Page, label: string, option: string | RegExp, scope: Pick<Page, 'getByLabel'> = page): Promise<void> {
  await pickOption(page, scope.getByLabel(label, { exact: true }) as Locator, option);
}

async function openNav(page: Page, name: string): Promise<void> {
  await page.locator('.pi-sider').getByRole('link', { name }).click();
}

describe('internal council, initiatives and commendations (Chromium, Vietnamese UI)', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the recorded 2019 council of the demo to the agency head', async () => {
    await loginAs(h, 'bdt.head');
    await chooseYear(page, 2019);
    await openNav(page, 'Hội đồng đánh giá nội bộ');
    await page.getByRole('heading', { name: 'Hội đồng đánh giá nội bộ', level: 1 }).waitFor();
    await expect.poll(() => page.getByTestId('council-status').textContent()).toContain('Đã ghi nhận');
    expect(await page.getByTestId('council-decision').textContent()).toContain('45/QĐ-BDT');
    expect(await page.getByTestId('council-rank').textContent()).toContain('20/20');
    await page.getByTestId('rank-TTR').filter({ hasText: '1' }).waitFor();
    await h.screenshot('council-01-recorded-2019');
  });

  it('lets the head assign the 2018 leaves to divisions in bulk', async () => {
    await chooseYear(page, 2018);
    await page.getByRole('tab', { name: /Phân công tiêu chí/ }).click();
    const table = page.getByTestId('council-responsibilities');
    await table.waitFor();
    // Everything to the Office first, then field 3 (administrative procedures) to the Ethnic Policy Division.
    await table.locator('thead .ant-checkbox-input').check();
    await pick(page, 'Giao cho phòng…', 'VP — Văn phòng Ban');
    await page.getByRole('button', { name: 'Giao', exact: true }).click();
    await pick(page, 'Lĩnh vực', /^3\. /);
    await table.locator('thead .ant-checkbox-input').check();
    await pick(page, 'Giao cho phòng…', 'CSDT — Phòng Chính sách dân tộc');
    await page.getByRole('button', { name: 'Giao', exact: true }).click();
    await page.getByRole('button', { name: /Lưu phân công/ }).click();
    await page.getByText(/Đã lưu \d+ thay đổi phân công\./).first().waitFor();
    await page.getByText(/Đã phân công (\d+)\/\1 tiêu chí thành phần/).waitFor();
    await h.screenshot('council-02-responsibilities');
  });

  it('lets the head score the divisions, with ties sharing a rank, and record the council', async () => {
    await page.getByRole('tab', { name: 'Bảng đánh giá' }).click();
    await page.getByTestId('council-sheet').waitFor();
    for (const [code, score] of [['VP', '80'], ['CSDT', '80,00'], ['KHTH', '90,5'], ['TTR', '70']] as const) {
      await page.getByLabel(`Điểm của ${code}`).fill(score);
    }
    await page.getByLabel('Nhận xét về CSDT').fill('Tỷ lệ hồ sơ đúng hạn còn thấp.');
    await page.getByTestId('rank-KHTH').filter({ hasText: '1' }).waitFor();
    expect(await page.getByTestId('rank-VP').textContent()).toBe('2 (đồng hạng)');
    expect(await page.getByTestId('rank-CSDT').textContent()).toBe('2 (đồng hạng)');
    expect(await page.getByTestId('rank-TTR').textContent()).toBe('4');
    // A score with three decimals is refused before it is sent.
    await page.getByLabel('Điểm của TTR').fill('70,125');
    await page.getByText('Có điểm không hợp lệ').waitFor();
    expect(await page.getByRole('button', { name: 'Lưu điểm' }).isDisabled()).toBe(true);
    await page.getByLabel('Điểm của TTR').fill('70');
    await page.getByRole('button', { name: 'Lưu điểm' }).click();
    await page.getByText('Đã lưu điểm của hội đồng.').first().waitFor();
    await expect.poll(() => page.getByTestId('council-status').textContent()).toContain('Dự thảo');

    await page.getByRole('button', { name: 'Ghi nhận kết quả' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ghi nhận kết quả hội đồng năm 2018' });
    await dialog.getByLabel('Số quyết định/biên bản').fill('12/QĐ-BDT');
    await h.screenshot('council-03-record');
    await dialog.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText('Đã ghi nhận kết quả hội đồng.').first().waitFor();
    await expect.poll(() => page.getByTestId('council-status').textContent()).toContain('Đã ghi nhận');
    expect(await page.getByTestId('council-decision').textContent()).toContain('12/QĐ-BDT');
    expect(await page.getByLabel('Điểm của VP').count()).toBe(0); // read-only once recorded

    await page.getByRole('tab', { name: 'Xếp hạng' }).click();
    await page.getByTestId('council-ranking').getByText('KHTH — Phòng Kế hoạch - Tổng hợp').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('hoi-dong-cchc-BDT-2018.xlsx');

    await page.getByRole('tab', { name: 'Trách nhiệm người đứng đầu' }).click();
    await page.getByTestId('acc-CSDT').waitFor();
    expect(await page.getByTestId('acc-CSDT').textContent()).toContain('Tiêu chí mất nhiều điểm nhất');
    await h.screenshot('council-04-accountability');
    await logout(h, 'bdt.head');
  });

  it('lets a division head register an initiative linked to a criterion', async () => {
    await loginAs(h, 'bdt.division');
    await openNav(page, 'Sáng kiến');
    await page.getByRole('heading', { name: 'Sáng kiến cải cách hành chính', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Đăng ký sáng kiến' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Đăng ký sáng kiến' });
    await pick(page, 'Năm', '2019', dialog);
    await dialog.getByLabel('Tên sáng kiến').fill(INITIATIVE);
    await dialog.getByLabel('Tóm tắt nội dung, hiệu quả').fill('Tiếp nhận hồ sơ đề nghị hưởng chính sách qua Cổng dịch vụ công, trả kết quả điện tử.');
    await dialog.getByLabel('Tác giả').fill('Hồ Văn Tâm');
    await dialog.getByLabel('Tiêu chí liên quan').click();
    await dialog.getByLabel('Tiêu chí liên quan').fill('1.5.1');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '1.5.1' }).first().click();
    await dialog.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByText('Đã đăng ký sáng kiến.').first().waitFor();
    const row = page.getByTestId('initiatives').locator('tr', { hasText: INITIATIVE });
    await row.getByText('Chờ duyệt').waitFor();
    expect(await row.getByRole('button', { name: /Xem xét/ }).count()).toBe(0); // only the head reviews
    await logout(h, 'bdt.division');
  });

  it('lets the agency head approve it', async () => {
    await loginAs(h, 'bdt.head');
    await openNav(page, 'Sáng kiến');
    await page.getByRole('button', { name: `Xem xét sáng kiến ${INITIATIVE}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Xem xét sáng kiến' });
    await dialog.getByText('Hồ Văn Tâm').first().waitFor();
    await dialog.getByLabel('Ghi chú (nếu có)').fill('Đồng ý, triển khai từ quý III.');
    await dialog.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText('Đã phê duyệt sáng kiến.').first().waitFor();
    await page.getByTestId('initiatives').locator('tr', { hasText: INITIATIVE }).getByText('Đã phê duyệt').waitFor();
    await h.screenshot('council-05-initiatives');
    await logout(h, 'bdt.head');
  });

  it('lets the secretariat generate the 2019 proposals and approve one', async () => {
    await loginAs(h, 'secretariat');
    await chooseYear(page, 2019);
    await openNav(page, 'Đề xuất khen thưởng');
    await page.getByRole('heading', { name: 'Đề xuất khen thưởng', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Tạo đề xuất' }).click();
    await page.getByText(/Đã tạo \d+ đề xuất mới/).first().waitFor();
    const table = page.getByTestId('commendations');
    await table.getByText('Xếp hạng 1/20 sở, ban, ngành; chỉ số 94,08%; xếp loại Tốt').waitFor();
    await table.getByText(INITIATIVE, { exact: false }).first().waitFor();
    // Generating again adds nothing.
    await page.getByRole('button', { name: 'Tạo đề xuất' }).click();
    await page.getByText(/Đã tạo 0 đề xuất mới/).first().waitFor();
    await page.getByRole('button', { name: 'Đồng ý đề xuất của SYT', exact: true }).click();
    await page.getByText('Đã đồng ý đề xuất khen thưởng SYT.').first().waitFor();
    await table.locator('tr', { hasText: 'Sở Y tế' }).getByText('Đồng ý', { exact: true }).waitFor();
    await h.screenshot('council-06-commendations');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('de-xuat-khen-thuong-2019.xlsx');
    expect(h.consoleErrors).toEqual([]);
  });
});
