/**
 * The remediation plan in Chromium: from Ban Dân tộc's published 2019 results the focal point creates tasks from
 * two lost leaves and assigns them to divisions with deadlines; the division head completes one with a note; the
 * focal point adds its output document and uses it as evidence next year with one click; the document is then
 * attached to that leaf in Ban Dân tộc's 2020 self-assessment. The secretariat follows the plan read-only.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentDetail } from '../src/core/schemas/assessments';
import type { ProposalsView, TaskList } from '../src/core/schemas/tasks';
import { apiGet, assessmentIdOf, chooseYear, loginAs, logout, tinyPdf } from './cycle-session';
import { type Harness, startHarness } from './harness';

const OUTPUT = { title: 'Kế hoạch CCHC năm 2020 của Ban Dân tộc (bổ sung nhiệm vụ, kinh phí)', number: '05/KH-BDT', issuer: 'Ban Dân tộc tỉnh Quảng Nam' };

/** dd/mm/yyyy, `days` from today. */
function dateIn(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()}`;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Picks an option of an antd Select by its label, once every other option list is closed (a list still fading
 * out would otherwise offer the same option text).
 */
async function choose(page: Page, label: string, option: string | RegExp) {
  await page
    .waitForFunction(() => [...document.querySelectorAll('.ant-select-dropdown')].every((d) => d.classList.contains('ant-select-dropdown-hidden') || getComputedStyle(d).display === 'none'), undefined, { timeout: 5_000 })
    .catch(() => undefined);
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

/** Closes the task drawer (it covers the top bar's user menu). */
async function closeDrawer(page: Page) {
  await page.locator('.ant-drawer-close').click();
  await page.getByTestId('task-drawer').waitFor({ state: 'hidden' });
}

async function quiet(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, undefined, { timeout: 10_000 }).catch(() => undefined);
}

describe('remediation plan journey (Chromium, Vietnamese UI)', () => {
  let h: Harness;
  let page: Page;
  let bdt = 0;
  let leaves: string[] = [];
  let taskIds: number[] = [];

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets the focal point turn two lost leaves of 2019 into tasks assigned to divisions with deadlines', async () => {
    await loginAs(h, 'bdt.focal');
    const me = await apiGet<{ user: { roles: { agencyId: number | null }[] } }>(h, '/api/auth/me');
    bdt = me.user.roles.find((r) => r.agencyId !== null)!.agencyId!;
    // Two lost leaves that the 2020 framework still scores with evidence (not survey leaves).
    const proposals = await apiGet<ProposalsView>(h, `/api/agencies/${bdt}/tasks/proposals?year=2019`);
    const { assessmentId } = await assessmentIdOf(h, 2020, 'BDT');
    const next = await apiGet<AssessmentDetail>(h, `/api/assessments/${assessmentId}`);
    const usable = new Set(next.leaves.filter((l) => !l.survey).map((l) => l.code));
    leaves = proposals.items.filter((i) => i.kind === 'regular' && usable.has(i.code)).slice(0, 2).map((i) => i.code);
    expect(leaves).toHaveLength(2);

    await page.getByRole('link', { name: 'Kế hoạch khắc phục' }).click();
    await page.getByRole('heading', { name: 'Kế hoạch khắc phục', level: 1 }).waitFor();
    await page.getByText('Chưa có nhiệm vụ nào').waitFor();
    await page.getByRole('button', { name: 'Đề xuất từ điểm bị mất' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Đề xuất nhiệm vụ từ các tiêu chí bị mất điểm' });
    await dialog.getByText(/Năm 2019, cơ quan xếp hạng 20\/20/).waitFor();
    await h.screenshot('remediation-01-proposals');

    const assign = [
      { code: leaves[0]!, lead: /^CSDT — /, support: /^VP — /, due: dateIn(20) },
      { code: leaves[1]!, lead: /^KHTH — /, support: null, due: dateIn(45) },
    ];
    for (const a of assign) {
      await dialog.getByRole('checkbox', { name: `Chọn tiêu chí ${a.code}`, exact: true }).check();
      await choose(page, `Phòng chủ trì tiêu chí ${a.code}`, a.lead);
      if (a.support) {
        await choose(page, `Phòng phối hợp tiêu chí ${a.code}`, a.support);
        // Close the multiple choice's list by clicking outside it (Escape would close the dialog).
        await dialog.getByText(/Năm 2019, cơ quan xếp hạng/).click();
      }
      const due = dialog.getByLabel(`Hạn hoàn thành tiêu chí ${a.code}`, { exact: true });
      await due.click();
      await due.fill(a.due);
      await due.press('Enter');
    }
    await h.screenshot('remediation-02-assigned');
    await dialog.getByRole('button', { name: 'Tạo 2 nhiệm vụ' }).click();
    await page.getByText('Đã tạo 2 nhiệm vụ khắc phục.').first().waitFor();
    await dialog.waitFor({ state: 'hidden' });

    const list = await apiGet<TaskList>(h, `/api/agencies/${bdt}/tasks`);
    expect(list.items.map((t) => t.nodeCode).sort()).toEqual([...leaves].sort());
    const first = list.items.find((t) => t.nodeCode === leaves[0])!;
    const second = list.items.find((t) => t.nodeCode === leaves[1])!;
    taskIds = [first.id, second.id];
    expect([first.leadDivision?.code, first.supportDivisions.map((d) => d.code), first.sourceYear]).toEqual(['CSDT', ['VP'], 2019]);
    expect(second.leadDivision?.code).toBe('KHTH');
    expect(first.dueOn?.split('-').reverse().join('/')).toBe(assign[0]!.due);

    const row = page.locator(`tr[data-task-id="${first.id}"]`);
    await row.getByText('Phòng Chính sách dân tộc').waitFor();
    await row.getByText('Phối hợp: Văn phòng Ban').waitFor();
    // Due in 20 days: neither overdue (red) nor due soon (amber).
    expect(await row.getAttribute('class')).not.toMatch(/pi-task-overdue|pi-task-soon/);
    await quiet(page);
    await h.screenshot('remediation-03-table');

    await page.getByText('Theo phòng', { exact: true }).click();
    await page.locator('.pi-task-column', { hasText: 'Phòng Chính sách dân tộc' }).getByText(first.title).waitFor();
    await page.locator('.pi-task-column', { hasText: 'Văn phòng Ban' }).getByText('Phối hợp').first().waitFor();
    await h.screenshot('remediation-04-board');
    await logout(h, 'bdt.focal');
  });

  it('lets the lead division’s head complete the task with a note', async () => {
    await loginAs(h, 'bdt.division');
    await page.goto(`${h.baseUrl}/remediation?task=${taskIds[0]}`);
    const drawer = page.getByTestId('task-drawer');
    await drawer.waitFor();
    await drawer.getByText('Trưởng phòng cập nhật trạng thái, tiến độ và ghi chú').waitFor();
    await choose(page, 'Trạng thái', 'Hoàn thành');
    await drawer.getByLabel('Ghi chú kèm cập nhật').fill('Đã trình ký kế hoạch bổ sung nhiệm vụ và kinh phí CCHC.');
    await drawer.getByRole('button', { name: 'Lưu cập nhật' }).click();
    await page.getByText('Đã lưu cập nhật nhiệm vụ.').first().waitFor();
    await drawer.locator('.pi-task-head').getByText('Hoàn thành').waitFor();
    await drawer.getByText('Đã trình ký kế hoạch bổ sung nhiệm vụ và kinh phí CCHC.').waitFor();
    // The division head cannot put documents into the agency's library: the button says why.
    expect(await drawer.getByRole('button', { name: 'Thêm tài liệu đầu ra' }).isDisabled()).toBe(true);
    await h.screenshot('remediation-05-division-done');
    await closeDrawer(page);
    await logout(h, 'bdt.division');
  });

  it('lets the focal point add the output document and use it as evidence next year with one click', async () => {
    await loginAs(h, 'bdt.focal');
    await page.goto(`${h.baseUrl}/remediation?task=${taskIds[0]}`);
    const drawer = page.getByTestId('task-drawer');
    await drawer.waitFor();
    await drawer.getByText(`Tài liệu đầu ra có thể dùng làm tài liệu kiểm chứng cho tiêu chí ${leaves[0]} trong bản đánh giá năm 2020.`).waitFor();
    await drawer.getByRole('button', { name: 'Thêm tài liệu đầu ra' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đính kèm tài liệu kiểm chứng' });
    await dialog.getByRole('tab', { name: 'Tải lên tài liệu mới' }).click();
    await dialog.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-cchc-2020-bo-sung.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Ke hoach CCHC 2020 bo sung') });
    await dialog.getByLabel('Tên tài liệu').fill(OUTPUT.title);
    await dialog.getByLabel('Số, ký hiệu').fill(OUTPUT.number);
    await dialog.getByLabel('Cơ quan ban hành').fill(OUTPUT.issuer);
    await dialog.getByRole('button', { name: 'Tải lên và đính kèm' }).click();
    await page.getByText('Đã thêm tài liệu đầu ra.').first().waitFor();
    await drawer.getByRole('button', { name: OUTPUT.title, exact: true }).waitFor();

    await drawer.getByRole('button', { name: 'Dùng làm tài liệu kiểm chứng năm sau (2020)' }).click();
    await page.getByText(`Đã gắn tài liệu vào tiêu chí ${leaves[0]} của bản đánh giá năm 2020.`).first().waitFor();
    await drawer.getByText('Đã gắn vào năm 2020').waitFor();
    await drawer.getByText(`Gắn vào tiêu chí ${leaves[0]} năm 2020`).waitFor();
    await quiet(page);
    await h.screenshot('remediation-06-used-next-year');
    await closeDrawer(page);
  });

  it('shows the document attached to that leaf in Ban Dân tộc’s 2020 self-assessment', async () => {
    const { assessmentId } = await assessmentIdOf(h, 2020, 'BDT');
    const detail = await apiGet<AssessmentDetail>(h, `/api/assessments/${assessmentId}`);
    expect(detail.leaves.find((l) => l.code === leaves[0])!.evidence.map((e) => e.title)).toContain(OUTPUT.title);

    await page.goto(`${h.baseUrl}/`);
    await chooseYear(page, 2020);
    await page.getByRole('button', { name: 'Mở bản tự đánh giá' }).click();
    await page.locator('.pi-sa-tree').getByText(leaves[0]!, { exact: true }).click();
    const editor = page.getByTestId('leaf-editor');
    await editor.getByRole('heading', { name: new RegExp(escape(leaves[0]!)) }).waitFor();
    await editor.getByRole('button', { name: OUTPUT.title, exact: true }).waitFor();
    await quiet(page);
    await h.screenshot('remediation-07-self-assessment-2020');
    await logout(h, 'bdt.focal');
  });

  it('lets the secretariat follow the plan read-only', async () => {
    await loginAs(h, 'secretariat');
    await page.goto(`${h.baseUrl}/remediation?agency=${bdt}`);
    await page.locator(`tr[data-task-id="${taskIds[1]}"]`).waitFor();
    expect(await page.getByRole('button', { name: 'Đề xuất từ điểm bị mất' }).count()).toBe(0);
    await page.locator(`tr[data-task-id="${taskIds[0]}"]`).getByRole('button').first().click();
    const drawer = page.getByTestId('task-drawer');
    await drawer.getByText('Phân công và tiến độ').or(drawer.locator('.ant-descriptions')).first().waitFor();
    expect(await drawer.getByRole('button', { name: 'Lưu cập nhật' }).count()).toBe(0);
    await quiet(page);
    await h.screenshot('remediation-08-secretariat');
    await closeDrawer(page);
    await logout(h, 'secretariat');
    expect(h.consoleErrors).toEqual([]);
  });
});
