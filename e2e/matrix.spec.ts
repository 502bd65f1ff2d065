import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeafMatrix } from '../src/core/schemas/matrix';
import { DEMO_PASSWORD, type Harness, pickOption, startHarness } from './harness';

/** The leaf matrix (issue 12): open it, filter by field and stage, scroll both ways with sticky headers, export. */
describe('leaf matrix (secretariat)', () => {
  let h: Harness;
  let page: Page;
  let api: LeafMatrix;

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    await page.goto(`${h.baseUrl}/login?next=${encodeURIComponent('/results/matrix?year=2019')}`);
    await page.getByLabel('Tên đăng nhập').fill('secretariat');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Ma trận điểm tiêu chí thành phần', level: 1 }).waitFor();
    const groups = (await h.apiAs('GET', '/api/agency-groups')).body as { items: { id: number; code: string }[] };
    api = (await h.apiAs('GET', `/api/matrix?year=2019&groupId=${groups.items.find((g) => g.code === 'SO')!.id}`)).body as LeafMatrix;
  });

  afterAll(async () => {
    await h?.close();
  });

  const grid = () => page.getByTestId('matrix-grid');
  const renderedCells = () => grid().locator('[data-cell]').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')!));

  it('opens the 2019 departments: every agency, leaf and stage counted, only the cells in view rendered', async () => {
    await grid().locator('[data-agency]').first().waitFor();
    const count = await page.getByTestId('matrix-count').textContent();
    expect(count).toContain(`${api.rows.length} cơ quan × ${api.leaves.length} tiêu chí thành phần × 3 giai đoạn`);
    const cells = await renderedCells();
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.length).toBeLessThan(api.rows.length * api.leaves.length * 3);
    // A cell shows the API's value in Vietnamese notation.
    const first = api.rows[0]!;
    const v = first.cells[0] ?? null;
    const text = await grid().locator(`[data-cell="${first.code}|${api.leaves[0]!.code}|self"]`).textContent();
    expect(text).toBe(v === null ? '' : v === 'na' ? 'KAD' : v.replace('.', ','));
    expect(await grid().locator('.mx-diff').count()).toBeGreaterThan(0);
    await h.screenshot('mx-01-matrix');
  });

  it('filters by field and by stage', async () => {
    const field = api.fields.find((f) => f.code === '3')!;
    await pickOption(page, page.getByLabel('Lĩnh vực', { exact: true }), `3. ${field.nameVi}`);
    await expect.poll(async () => (await renderedCells()).every((c) => c.split('|')[1]!.startsWith('3.'))).toBe(true);
    const inField = api.leaves.filter((l) => l.fieldCode === '3').length;
    expect(await page.getByTestId('matrix-count').textContent()).toContain(`× ${inField} tiêu chí thành phần × 3 giai đoạn`);
    // The filters live in the address (a shared link shows the same view): the box follows once the URL changed.
    const self = page.getByRole('checkbox', { name: 'Tự chấm' });
    await self.click();
    await expect.poll(() => self.isChecked()).toBe(false);
    await expect.poll(async () => (await renderedCells()).some((c) => c.endsWith('|self'))).toBe(false);
    expect(await grid().locator('.mx-hstage', { hasText: 'Tự chấm' }).count()).toBe(0);
    expect(await page.getByTestId('matrix-count').textContent()).toContain('× 2 giai đoạn');
    await h.screenshot('mx-02-filtered');
    await self.click();
    await expect.poll(() => self.isChecked()).toBe(true);
    await pickOption(page, page.getByLabel('Lĩnh vực', { exact: true }), 'Tất cả lĩnh vực');
    await expect.poll(async () => (await renderedCells()).some((c) => c.split('|')[1]!.startsWith('1.'))).toBe(true);
  });

  it('scrolls to the last agency and the last leaf with the headers and the agency column still in view', async () => {
    const box = (await grid().boundingBox())!;
    await grid().evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      el.scrollLeft = el.scrollWidth;
    });
    const last = api.rows[api.rows.length - 1]!;
    const lastLeaf = api.leaves[api.leaves.length - 1]!;
    await grid().locator(`[data-cell="${last.code}|${lastLeaf.code}|final"]`).waitFor();
    // The first leaf's cells left the DOM (virtualised); the header and the agency names stay pinned.
    expect(await grid().locator(`[data-cell$="|${api.leaves[0]!.code}|self"]`).count()).toBe(0);
    const head = (await grid().locator('.mx-head').boundingBox())!;
    expect(Math.abs(head.y - box.y)).toBeLessThan(3);
    const name = (await grid().locator(`[data-agency="${last.code}"] .mx-rowhead`).boundingBox())!;
    expect(Math.abs(name.x - box.x)).toBeLessThan(3);
    await grid().locator('.mx-hleaf', { hasText: lastLeaf.code }).waitFor();
    await h.screenshot('mx-03-scrolled');
  });

  it('shows only the leaves with differences on request', async () => {
    const shown = async () => Number(/× (\d+) tiêu chí/.exec((await page.getByTestId('matrix-count').textContent())!)![1]);
    await page.getByLabel('Chỉ tiêu chí có chênh lệch').click();
    await expect.poll(shown).toBeLessThan(api.leaves.length);
    expect(await shown()).toBeGreaterThan(0);
    // Every leaf still shown has a highlighted cell in some row.
    expect(await grid().locator('.mx-diff').count()).toBeGreaterThan(0);
    await page.getByLabel('Chỉ tiêu chí có chênh lệch').click();
    await expect.poll(shown).toBe(api.leaves.length);
  });

  it('exports the whole matrix as .xlsx with the same values', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('matrix-export').click()]);
    expect(download.suggestedFilename()).toBe('Ma-tran-diem-SO-2019.xlsx');
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.columnCount).toBe(3 + api.leaves.length * 3);
    api.rows.forEach((row, r) => {
      const x = ws.getRow(6 + r);
      expect(x.getCell(2).value).toBe(row.code);
      row.cells.forEach((c, k) => expect(x.getCell(4 + k).value).toBe(c === null ? null : c === 'na' ? 'KAD' : Number(c)));
    });
    expect(h.consoleErrors).toEqual([]);
  });
});
