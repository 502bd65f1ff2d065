import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type Harness, pickOption, SHOTS_DIR, startHarness } from './harness';

async function workbook(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Co quan');
  for (const r of rows) ws.addRow(r);
  const file = path.join(SHOTS_DIR, `import-${Date.now()}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

async function openImport(page: Page, file: string) {
  await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nhập cơ quan, đơn vị từ Excel' });
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Nhập dữ liệu' }).click();
  return dialog;
}

describe('agencies: export, import, server errors, concurrency, deactivation, divisions', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    await page.goto(`${h.baseUrl}/login?next=/admin/agencies`);
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Cơ quan, đơn vị', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('exports every agency to .xlsx in the import layout', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(download.suggestedFilename()).toBe('co-quan.xlsx');
    const file = path.join(SHOTS_DIR, 'export.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Mã cơ quan');
    expect(ws.rowCount).toBeGreaterThan(40);
  });

  it('lists every problem of a bad import file by row and column, importing nothing', async () => {
    const file = await workbook([
      ['Mã cơ quan', 'Tên cơ quan', 'Mã nhóm', 'Từ năm'],
      ['E2E-A', 'Sở Thử nghiệm A', 'SO', 2024],
      ['E2E-B', '', 'SO', 2024],
      ['E2E-C', 'Sở Thử nghiệm C', 'KHONG-CO', 2024],
    ]);
    const dialog = await openImport(page, file);
    await dialog.getByText('Tệp nhập có lỗi; chưa có dữ liệu nào được nhập.').waitFor();
    const rows = dialog.locator('.pi-import-problems tbody tr');
    await rows.first().waitFor();
    const text = await rows.allInnerTexts();
    expect(text.some((t) => t.startsWith('3'))).toBe(true);
    expect(text.some((t) => t.startsWith('4') && t.includes('KHONG-CO'))).toBe(true);
    await h.screenshot('10-import-problems');
    await dialog.getByRole('button', { name: 'Đóng', exact: true }).last().click();
    await page.getByLabel('Tìm cơ quan, đơn vị').fill('E2E-A');
    await page.getByText('Không có cơ quan nào khớp điều kiện tìm kiếm').waitFor();
    await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
    await expect.poll(() => page.getByLabel('Tìm cơ quan, đơn vị').inputValue()).toBe('');
  });

  it('imports a correct file and says how many agencies were created', async () => {
    const file = await workbook([
      ['Mã cơ quan', 'Tên cơ quan', 'Mã nhóm', 'Từ năm', 'Các phòng'],
      ['E2E-A', 'Sở Thử nghiệm A', 'SO', 2024, 'VP=Văn phòng; KT=Phòng Kiểm thử'],
      ['E2E-C', 'Sở Thử nghiệm C', 'SO', 2024, ''],
    ]);
    await openImport(page, file);
    await page.getByText('Đã nhập 2 dòng: 2 cơ quan mới, 0 cơ quan được cập nhật.').waitFor();
  });

  it('shows the server field error next to the field (duplicate code)', async () => {
    await page.getByRole('button', { name: 'Thêm cơ quan' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Mã', { exact: true }).fill('SNV');
    await drawer.getByLabel('Tên cơ quan (tiếng Việt)').fill('Trùng mã');
    await drawer.getByLabel('Tên tiếng Anh').fill('Duplicate');
    await pickOption(page, drawer.getByLabel('Nhóm cơ quan', { exact: true }), 'Sở, ban, ngành');
    await drawer.getByRole('button', { name: 'Thêm cơ quan' }).click();
    await drawer.getByText('Mã đã được dùng.').waitFor();
    await drawer.getByRole('alert').filter({ hasText: 'Dữ liệu đã tồn tại.' }).waitFor();
    await h.screenshot('11-duplicate-code');
    await drawer.getByRole('button', { name: 'Hủy' }).click();
  });

  it('reloads the form when someone else saved the agency first', async () => {
    await page.getByLabel('Tìm cơ quan, đơn vị').fill('BDT');
    await page.getByRole('button', { name: 'Sửa BDT' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByLabel('Tên tiếng Anh').waitFor();
    const list = (await h.apiAs('GET', '/api/agencies?q=BDT')) as { body: { items: { id: number; code: string; version: number }[] } };
    const bdt = list.body.items.find((a) => a.code === 'BDT')!;
    const other = await h.apiAs('PATCH', `/api/agencies/${bdt.id}`, { nameEn: 'Committee for Ethnic Minority Affairs', version: bdt.version });
    expect(other.status).toBe(200);
    await drawer.getByLabel('Tên cơ quan (tiếng Việt)').fill('Ban Dân tộc tỉnh');
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    await drawer.getByText('Dữ liệu đã được người khác thay đổi. Vui lòng tải lại và thử lại.').waitFor();
    await expect.poll(() => drawer.getByLabel('Tên tiếng Anh').inputValue()).toBe('Committee for Ethnic Minority Affairs');
    await h.screenshot('12-conflict');
    await drawer.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu cơ quan BDT.').waitFor();
  });

  it('deactivates an agency after confirmation and filters it out of the active list', async () => {
    await page.getByRole('button', { name: 'Ngừng hoạt động BDT' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Ngừng hoạt động' }).click();
    await page.getByText('Đã ngừng hoạt động cơ quan BDT.').waitFor();
    await page.getByRole('button', { name: 'Kích hoạt lại BDT' }).waitFor();
    await pickOption(page, page.getByLabel('Lọc theo trạng thái'), 'Đang hoạt động');
    await page.getByText('Không có cơ quan nào khớp điều kiện tìm kiếm').waitFor();
  });

  it('adds a division from the expanded row', async () => {
    await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
    await expect.poll(() => page.getByLabel('Tìm cơ quan, đơn vị').inputValue()).toBe('');
    await page.getByLabel('Tìm cơ quan, đơn vị').fill('E2E-C');
    await page.getByText('1 bản ghi').waitFor();
    await page.locator('.ant-table-row-expand-icon').first().click();
    await page.getByText('Chưa có phòng nào').waitFor();
    await page.getByRole('button', { name: 'Thêm phòng' }).click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel('Mã phòng').fill('TH');
    await modal.getByLabel('Tên phòng (tiếng Việt)').fill('Phòng Tổng hợp');
    await modal.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã thêm phòng TH.').waitFor();
    await page.getByRole('cell', { name: 'Phòng Tổng hợp', exact: true }).waitFor();
    await h.screenshot('13-divisions');
  });

  it('kept the browser console clean', () => {
    expect(h.consoleErrors).toEqual([]);
    for (const f of fs.readdirSync(SHOTS_DIR)) if (f.startsWith('import-')) fs.rmSync(path.join(SHOTS_DIR, f));
  });
});
