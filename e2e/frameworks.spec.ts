import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type Harness, startHarness } from './harness';

/** The framework editor's tree row of a node code. */
const row = (page: Page, code: string) => page.locator(`.fw-tree tr[data-row-key="${code}"]`);
const nav = (page: Page) => page.getByRole('navigation', { name: 'Điều hướng chính' });
const publishButton = (page: Page) => page.locator('.pi-page-actions').getByRole('button', { name: /Ban hành$/ });

describe('criteria frameworks: clone, live validation, publish, compare (secretariat)', () => {
  let h: Harness;
  let page: Page;
  let draftId = 0;

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    await page.goto(`${h.baseUrl}/login?next=/frameworks`);
    await page.getByLabel('Tên đăng nhập').fill('secretariat');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Bộ tiêu chí', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lists the frameworks by year and agency group, from the navigation', async () => {
    await nav(page).getByRole('link', { name: 'Bộ tiêu chí' }).waitFor();
    await page.getByText('6 bộ tiêu chí').waitFor();
    await h.screenshot('fw-01-list');
  });

  it('opens the published 2019 framework read-only and clones it to 2021', async () => {
    await page.getByRole('link', { name: /sở, ban, ngành năm 2019/ }).click();
    await page.getByText('Bộ tiêu chí đã ban hành ngày 15/01/2019 nên không thể sửa.').waitFor();
    expect(await page.getByTestId('fw-total').textContent()).toContain('Tổng điểm: 100 / 100');
    expect(await page.getByLabel('Điểm tối đa', { exact: true }).isDisabled()).toBe(true);
    await h.screenshot('fw-02-published-readonly');

    await page.getByRole('button', { name: 'Nhân bản' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel('Năm áp dụng').fill('2021');
    await modal.getByRole('button', { name: 'Nhân bản' }).click();
    await page.getByText('Đã tạo bản nháp SO năm 2021.').waitFor();
    await page.getByRole('heading', { level: 1, name: /năm 2021/ }).waitFor();
    await page.locator('.pi-page-header').getByText('Bản nháp').waitFor();
    draftId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(draftId).toBeGreaterThan(0);
  });

  it('shows a broken sum live in the tree and the banner, and refuses to publish', async () => {
    await row(page, '1.1').locator('.ant-table-row-expand-icon').click();
    await row(page, '1.1.1').locator('.fw-node-btn').click();
    const max = page.getByLabel('Điểm tối đa', { exact: true });
    expect(await max.inputValue()).toBe('1');
    await max.fill('2');
    const banner = page.locator('.fw-problems');
    await banner.getByText('Điểm tối đa của "1.1" là 5 nhưng tổng điểm tối đa của các tiêu chí con là 6.').waitFor();
    await row(page, '1.1').locator('.fw-err').waitFor();
    const publish = publishButton(page);
    expect(await publish.isDisabled()).toBe(true);
    await publish.hover({ force: true });
    await page.getByRole('tooltip').getByText('Còn 1 lỗi; hãy sửa hết lỗi trước khi ban hành.').waitFor();
    await page.getByText(/Đã lưu lúc \d{2}:\d{2}/).waitFor();
    await h.screenshot('fw-03-broken-sum');
  });

  it('jumps from a problem in the banner to its node', async () => {
    await row(page, '2').locator('.fw-node-btn').click();
    await page.locator('.fw-panel-title .pi-code').getByText('2', { exact: true }).waitFor();
    await page.locator('.fw-problems').getByRole('button', { name: /1\.1/ }).first().click();
    await page.locator('.fw-panel-title .pi-code').getByText('1.1', { exact: true }).waitFor();
  });

  it('stops autosaving when someone else saved first, and reloads on request', async () => {
    const current = (await h.apiAs('GET', `/api/frameworks/${draftId}`)).body as { version: number; document: Record<string, unknown> };
    const { year: _y, groupCode: _g, ...doc } = current.document;
    const other = await h.apiAs('PUT', `/api/frameworks/${draftId}`, { ...doc, version: current.version, nameEn: 'Changed elsewhere' });
    expect(other.status).toBe(200);
    await row(page, '1.1').locator('.fw-node-btn').click();
    await page.getByLabel('Tên tiếng Anh', { exact: true }).fill('Annual PAR plan (edited)');
    await page.getByText('Bộ tiêu chí đã được người khác thay đổi', { exact: true }).waitFor();
    await h.screenshot('fw-04-conflict');
    await page.getByRole('button', { name: 'Tải lại' }).click();
    await page.getByText('Bộ tiêu chí đã được người khác thay đổi', { exact: true }).waitFor({ state: 'detached' });
  });

  it('publishes once every error is fixed', async () => {
    await row(page, '1.1').locator('.ant-table-row-expand-icon').click();
    await row(page, '1.1.1').locator('.fw-node-btn').click();
    await page.getByLabel('Điểm tối đa', { exact: true }).fill('1');
    await page.locator('.fw-problems').waitFor({ state: 'detached' });
    await page.getByText(/Đã lưu lúc \d{2}:\d{2}/).waitFor();
    await publishButton(page).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText('Sau khi ban hành, bộ tiêu chí không thể sửa').waitFor();
    await confirm.getByRole('button', { name: 'Ban hành' }).click();
    await page.getByText('Đã ban hành bộ tiêu chí.').waitFor();
    await page.getByText(/Bộ tiêu chí đã ban hành ngày .* nên không thể sửa\./).waitFor();
    await page.getByRole('button', { name: 'Tạo phiên bản mới' }).first().waitFor();
    await h.screenshot('fw-05-published');
  });

  it('compares 2020 with 2019 and shows criterion 7.5 as added', async () => {
    await nav(page).getByRole('link', { name: 'Bộ tiêu chí' }).click();
    await page.getByRole('button', { name: 'So sánh SO 2020' }).click();
    await page.getByRole('heading', { level: 1, name: 'So sánh bộ tiêu chí năm 2020: Sở, ban, ngành' }).waitFor();
    const added = page.locator('.fw-diff-table tr.fw-diff-added', { hasText: 'Chuyển đổi số' });
    await added.first().waitFor();
    expect(await added.first().textContent()).toContain('7.5');
    expect(await page.locator('.fw-diff-count-added strong').textContent()).toBe('2');
    await page.locator('.fw-diff-table [aria-busy="true"]').waitFor({ state: 'detached' });
    // The table fades back in after loading: wait for it before the screenshot.
    await expect.poll(() => page.locator('.fw-diff-table .ant-spin-container').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await h.screenshot('fw-06-compare');
  });

  it('kept the browser console clean', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
