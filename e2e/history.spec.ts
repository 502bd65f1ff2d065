import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type Harness, SHOTS_DIR, startHarness } from './harness';

/** Fills the downloaded template's first sheet with rows (keeping its header) and saves it under a new name. */
async function fillTemplate(template: string, rows: (string | number | null)[][], name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.worksheets[0]!;
  for (const r of rows) ws.addRow(r);
  const file = path.join(SHOTS_DIR, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('history as published: template → upload → preview → confirm → shown (secretariat)', () => {
  let h: Harness;
  let page: Page;
  let template = '';

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    await page.goto(`${h.baseUrl}/login?next=/admin/history`);
    await page.getByLabel('Tên đăng nhập').fill('secretariat');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Kết quả các năm trước', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('downloads the template with the published columns', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải tệp mẫu' }).click()]);
    expect(download.suggestedFilename()).toBe('mau-lich-su-chi-so.xlsx');
    template = path.join(SHOTS_DIR, 'history-template.xlsx');
    await download.saveAs(template);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['Năm', 'Mã cơ quan', 'Chỉ số', 'Xếp hạng', 'Số đơn vị xếp hạng', 'Xếp loại', 'LV1']);
  });

  it('previews a file with a problem, naming row and column, and offers nothing to store', async () => {
    const file = await fillTemplate(template, [[2012, 'BDT', '84.645', 19, 63], [2012, 'KHONGCO', '70', 3, 63]], 'history-bad.xlsx');
    await page.locator('[data-testid=hist-upload] input[type=file]').setInputFiles(file);
    const preview = page.getByTestId('hist-preview');
    await preview.getByText('Xem trước: 1 dòng hợp lệ, 1 lỗi').waitFor();
    await preview.getByText(/Dòng 3, cột B: Không có cơ quan mã "KHONGCO"/).waitFor();
    expect(await preview.getByRole('button', { name: 'Lưu 1 dòng' }).isDisabled()).toBe(true);
    await h.screenshot('history-01-preview-problem');
  });

  it('previews every row (84.645 rounded half-up to 84,65; rank 19 of 63 as published), then stores it on confirm', async () => {
    const file = await fillTemplate(template, [[2012, 'BDT', '84.645', 19, 63, null, '70.005'], [2012, 'SNV', '', 7, 63]], 'history-good.xlsx');
    await page.locator('[data-testid=hist-upload] input[type=file]').setInputFiles(file);
    const preview = page.getByTestId('hist-preview');
    await preview.getByText('Xem trước: 2 dòng hợp lệ, 0 lỗi').waitFor();
    const bdt = preview.locator('tr', { hasText: 'BDT' });
    await bdt.getByText('84,65').waitFor();
    await bdt.getByText('19/63').waitFor();
    await bdt.getByText('1: 70,01').waitFor();
    await bdt.getByText('Tốt *').waitFor();
    await h.screenshot('history-02-preview');
    // Nothing is stored before the confirmation.
    expect(await page.getByTestId('hist-list').getByText('Chưa có kết quả năm nào.').count()).toBe(0);
    await preview.getByRole('button', { name: 'Lưu 2 dòng' }).click();
    await page.getByText('Đã lưu 2 dòng kết quả các năm trước.').waitFor();
    const list = page.getByTestId('hist-list');
    const row = list.locator('tr', { hasText: 'BDT · Ban Dân tộc' }).filter({ hasText: '2012' });
    await row.getByText('84,65').waitFor();
    await row.getByText('19/63').waitFor();
    await list.locator('tr', { hasText: 'SNV' }).filter({ hasText: '2012' }).getByText('7/63').waitFor();
    await h.screenshot('history-03-stored');
  });

  it('corrects a stored row and the list shows the correction', async () => {
    const list = page.getByTestId('hist-list');
    await list.getByRole('button', { name: 'Sửa BDT 2012' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sửa kết quả BDT năm 2012' });
    await dialog.getByLabel('Xếp hạng', { exact: true }).fill('18');
    await dialog.getByLabel('Lý do (ghi vào nhật ký)').fill('Theo quyết định công bố');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã sửa.').waitFor();
    await list.locator('tr', { hasText: 'BDT · Ban Dân tộc' }).filter({ hasText: '2012' }).getByText('18/63').waitFor();
  });

  it('shows the demo 2025 merger on the lineage screen with the rule used, and lets the secretariat change it', async () => {
    await page.getByRole('link', { name: 'Sáp nhập, đổi tên cơ quan' }).click();
    await page.getByRole('heading', { name: 'Sáp nhập, đổi tên, chia tách cơ quan', level: 1 }).waitFor();
    const row = page.getByTestId('lin-list').locator('tr', { hasText: 'SDTTG · Sở Dân tộc và Tôn giáo' });
    await row.getByText('Hợp nhất (A + B → C)').waitFor();
    await row.getByText('So sánh với cơ quan cũ: BDT · Ban Dân tộc').waitFor();
    await h.screenshot('history-04-lineage');
  });
});
