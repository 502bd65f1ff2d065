/**
 * The assessment cycle in Chromium, as the journey: the focal point self-assesses two leaves with evidence,
 * the head submits, the secretariat opens appraisal, the appraiser adjusts a leaf of field 2 with a reason, the
 * agency disputes it, the appraiser finalises it in round 2, the secretariat finalises and publishes, and the
 * public page (logged out) shows Ban Dân tộc's rank and change for 2020, on a desktop and on a phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentDetail } from '../src/core/schemas/assessments';
import type { FrameworkNode, LeafInput } from '../src/core/schemas/framework';
import { apiGet, assessmentIdOf, choose, chooseYear, completeChecklistViaApi, loginAs, logout, tinyPdf } from './cycle-session';
import { type Harness, startHarness } from './harness';

const YEAR = 2020;
const DOC = { title: 'Kế hoạch rà soát văn bản quy phạm pháp luật năm 2020', number: '21/KH-BDT', issuer: 'Ban Dân tộc tỉnh Quảng Nam' };

/** Chooses a value in the leaf editor for the leaf's method (a different one from `avoid` when given). */
async function enterValue(page: Page, node: FrameworkNode, scope: ReturnType<Page['locator']>, avoid?: LeafInput | null) {
  const m = node.method!;
  if (m.type === 'levels') {
    const level = (avoid ? [...m.levels].reverse().find((l) => l.code !== avoid.levelCode) : m.levels[0]) ?? m.levels[0]!;
    await scope.locator('.ant-radio-wrapper').filter({ hasText: level.labelVi }).first().click();
  } else if (m.type === 'yes_no') {
    const yes = avoid?.value !== true;
    await scope.locator('.ant-radio-button-wrapper').filter({ hasText: yes ? /^Có ·/ : /^Không ·/ }).click();
  } else if (m.type === 'ratio_ladder' || m.type === 'ratio_proportional') {
    await scope.getByLabel(m.numeratorLabelVi, { exact: true }).fill(avoid ? '0' : '9');
    await scope.getByLabel(m.denominatorLabelVi, { exact: true }).fill('10');
  } else {
    await scope.locator('input.ant-input-number-input').first().fill('0');
  }
}

/** Waits until the toasts of earlier steps are gone, so a screenshot shows the page itself. */
async function quiet(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, undefined, { timeout: 10_000 }).catch(() => undefined);
}

describe('assessment cycle journey (Chromium, Vietnamese UI)', () => {
  let h: Harness;
  let page: Page;
  let periodId = 0;
  let assessmentId = 0;
  let detail: AssessmentDetail;
  let scored: string[] = [];
  let adjusted = '';

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lets the focal point self-assess two empty leaves with evidence, with live totals and autosave', async () => {
    await loginAs(h, 'bdt.focal');
    await chooseYear(page, YEAR);
    ({ periodId, assessmentId } = await assessmentIdOf(h, YEAR, 'BDT'));
    detail = await apiGet<AssessmentDetail>(h, `/api/assessments/${assessmentId}`);
    const node = (code: string) => detail.framework.nodes.find((n) => n.code === code)!;
    // Leaves still empty (the demo leaves some open); the journey needs one of field 2 for the appraiser.
    const empty = detail.leaves.filter((l) => !l.survey && !l.self).map((l) => l.code);
    const field2 = empty.find((c) => c.startsWith('2.')) ?? detail.leaves.find((l) => !l.survey && l.fieldCode === '2')!.code;
    scored = [field2, ...empty.filter((c) => c !== field2)].slice(0, 2);
    if (scored.length < 2) scored.push(detail.leaves.find((l) => !l.survey && !scored.includes(l.code))!.code);
    adjusted = field2;

    await page.getByRole('button', { name: 'Mở bản tự đánh giá' }).click();
    await page.getByTestId('self-totals').waitFor();
    await h.screenshot('cycle-01-self-assessment');
    const totalBefore = await page.getByTestId('self-total').textContent();
    const editor = page.getByTestId('leaf-editor');

    // First leaf: score it, then upload a PDF with its metadata by the upload tab.
    await page.locator('.pi-sa-tree').getByText(scored[0]!, { exact: true }).click();
    await editor.getByRole('heading', { name: new RegExp(scored[0]!.replace(/\./g, '\\.')) }).waitFor();
    await enterValue(page, node(scored[0]!), editor);
    await page.getByTestId('missing-evidence').waitFor();
    await page.getByTestId('save-status').filter({ hasText: 'Đã lưu lúc' }).waitFor();
    expect(await page.getByTestId('self-total').textContent()).not.toBe(totalBefore);
    await editor.getByRole('button', { name: 'Đính kèm tài liệu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đính kèm tài liệu kiểm chứng' });
    await dialog.getByRole('tab', { name: 'Tải lên tài liệu mới' }).click();
    await dialog.locator('input[type=file]').setInputFiles({ name: 'ke-hoach-ra-soat-2020.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Ke hoach ra soat VBQPPL 2020') });
    await dialog.getByLabel('Tên tài liệu').fill(DOC.title);
    await dialog.getByLabel('Số, ký hiệu').fill(DOC.number);
    await dialog.getByLabel('Ngày ban hành').fill('15/01/2020');
    await dialog.getByLabel('Ngày ban hành').press('Enter');
    await dialog.getByLabel('Cơ quan ban hành').fill(DOC.issuer);
    await h.screenshot('cycle-02-upload-evidence');
    await dialog.getByRole('button', { name: 'Tải lên và đính kèm' }).click();
    await page.getByText('Đã đính kèm tài liệu kiểm chứng.').first().waitFor();
    await editor.getByRole('button', { name: DOC.title, exact: true }).waitFor();
    expect(await page.getByTestId('missing-evidence').count()).toBe(0);

    // The document previews in the browser.
    await editor.getByRole('button', { name: `Xem trước: ${DOC.title}` }).click();
    await page.locator('iframe.pi-evidence-frame').waitFor();
    await h.screenshot('cycle-03-evidence-preview');
    await page.getByRole('button', { name: 'Close' }).or(page.locator('.ant-drawer-close')).first().click();

    // Second leaf (Alt+↓ / the tree): score it and attach the same document from the agency's library.
    await page.locator('.pi-sa-tree').getByText(scored[1]!, { exact: true }).click();
    await editor.getByRole('heading', { name: new RegExp(scored[1]!.replace(/\./g, '\\.')) }).waitFor();
    await enterValue(page, node(scored[1]!), editor);
    await editor.getByRole('button', { name: 'Đính kèm tài liệu' }).click();
    await dialog.getByRole('checkbox', { name: DOC.title }).check();
    await dialog.getByRole('button', { name: 'Đính kèm 1 tài liệu' }).click();
    await editor.getByRole('button', { name: DOC.title, exact: true }).waitFor();
    await page.getByTestId('save-status').filter({ hasText: 'Đã lưu lúc' }).waitFor();
    await h.screenshot('cycle-04-self-assessed');

    const after = await apiGet<AssessmentDetail>(h, `/api/assessments/${assessmentId}`);
    for (const code of scored) {
      const leaf = after.leaves.find((l) => l.code === code)!;
      expect([code, leaf.self !== null, leaf.evidence.map((e) => e.title)]).toEqual([code, true, [DOC.title]]);
    }
    // The focal point may not submit: the button is disabled and says why.
    expect(await page.getByRole('button', { name: 'Gửi bản tự đánh giá' }).isDisabled()).toBe(true);
    await logout(h, 'bdt.focal');
  });

  it('lets the head submit after the checklist', async () => {
    await loginAs(h, 'bdt.head');
    // The demo may leave leaves without evidence or an explanation besides the two of this journey: they are
    // completed through the API with the head's session, so that the checklist lets the submission through.
    await completeChecklistViaApi(h, assessmentId);
    await page.getByRole('button', { name: 'Mở bản tự đánh giá' }).click();
    await page.getByRole('button', { name: 'Gửi bản tự đánh giá' }).click();
    const dialog = page.getByRole('dialog', { name: `Gửi bản tự đánh giá năm ${YEAR}` });
    await dialog.getByTestId('checklist-ready').waitFor();
    await h.screenshot('cycle-05-submit-checklist');
    await dialog.getByRole('button', { name: 'Xác nhận gửi' }).click();
    await page.getByText('Đã gửi bản tự đánh giá.').first().waitFor();
    await page.getByRole('button', { name: 'Rút lại để chỉnh sửa' }).waitFor();
    await logout(h, 'bdt.head');
  });

  async function advance(to: string) {
    await page.goto(`${h.baseUrl}/periods/${periodId}`);
    await page.getByRole('button', { name: `Chuyển sang “${to}”` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: `Chuyển sang “${to}”` }).click();
    await page.getByText(`Kỳ đánh giá đã chuyển sang giai đoạn “${to}”`).first().waitFor();
  }

  it('lets the secretariat open round-1 appraisal', async () => {
    await loginAs(h, 'secretariat');
    await page.getByRole('link', { name: 'Kỳ đánh giá', exact: true }).click();
    await page.getByRole('link', { name: `Kỳ đánh giá Chỉ số CCHC năm ${YEAR}` }).click();
    await page.getByTestId('status-matrix').waitFor();
    await h.screenshot('cycle-06-period');
    await advance('Thẩm định lần 1');
    await logout(h, 'secretariat');
  });

  it('lets the appraiser of field 2 adjust a leaf with a reason', async () => {
    await loginAs(h, 'appraiser');
    await page.getByRole('link', { name: 'Ban Dân tộc' }).first().click();
    await page.locator('main').getByText('Thẩm định lần 1').first().waitFor(); // not the top bar's year option "2020 · Thẩm định lần 1"
    const row = page.locator(`tr[data-row-key="${adjusted}"]`);
    await row.locator('.ant-table-row-expand-icon').click();
    const form = page.getByTestId('appraisal-form');
    await form.locator('.ant-radio-button-wrapper').filter({ hasText: 'Điều chỉnh' }).click();
    const self = detail.framework.nodes.find((n) => n.code === adjusted)!;
    const current = await apiGet<AssessmentDetail>(h, `/api/assessments/${assessmentId}`);
    await enterValue(page, self, form, current.leaves.find((l) => l.code === adjusted)!.self!.input);
    await choose(page, 'Lý do điều chỉnh', 'Tài liệu kiểm chứng chưa đầy đủ');
    await form.getByLabel('Nhận xét').fill('Kế hoạch chưa có phụ lục danh mục văn bản cần rà soát.');
    await h.screenshot('cycle-07-appraisal-adjust');
    await form.getByRole('button', { name: 'Lưu kết luận' }).click();
    await page.getByText(`Đã điều chỉnh tiêu chí ${adjusted}`).first().waitFor();
    await logout(h, 'appraiser');
  });

  it('lets the agency dispute the adjustment during the explanation round', async () => {
    await loginAs(h, 'secretariat');
    await advance('Giải trình');
    await logout(h, 'secretariat');
    await loginAs(h, 'bdt.focal');
    await page.getByRole('link', { name: `Giải trình tiêu chí ${adjusted} bị điều chỉnh` }).click();
    const card = page.getByTestId(`explain-${adjusted}`);
    await card.getByLabel('Nội dung giải trình').fill('Phụ lục danh mục văn bản đã ban hành kèm kế hoạch (trang 3), đề nghị giữ điểm tự chấm.');
    await card.getByRole('button', { name: 'Gửi giải trình' }).click();
    await page.getByText(`Đã gửi giải trình tiêu chí ${adjusted}.`).first().waitFor();
    await card.getByTestId('thread').getByText('Không đồng ý').waitFor();
    await h.screenshot('cycle-08-explanation');
    await logout(h, 'bdt.focal');
  });

  it('lets the appraiser decide the disputed leaf in round 2', async () => {
    await loginAs(h, 'secretariat');
    await advance('Thẩm định lần 2');
    await logout(h, 'secretariat');
    await loginAs(h, 'appraiser');
    await page.getByRole('link', { name: 'Ban Dân tộc' }).first().click();
    await page.locator('main').getByText('Thẩm định lần 2').first().waitFor();
    const row = page.locator(`tr[data-row-key="${adjusted}"]`);
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('thread').first().waitFor();
    const form = page.getByTestId('appraisal-form');
    await form.locator('.ant-radio-button-wrapper').filter({ hasText: 'Chấp nhận giải trình (điểm tự chấm)' }).click();
    await h.screenshot('cycle-09-round2');
    await form.getByRole('button', { name: 'Lưu kết luận' }).click();
    await page.getByText(`Đã lưu kết luận tiêu chí ${adjusted}.`).first().waitFor();
    const final = await apiGet<AssessmentDetail>(h, `/api/assessments/${assessmentId}`);
    expect(final.leaves.find((l) => l.code === adjusted)!.final?.decision).toBe('accepted');
    await logout(h, 'appraiser');
  });

  it('lets the secretariat finalise (acknowledging incomplete agencies) and publish', async () => {
    await loginAs(h, 'secretariat');
    await page.goto(`${h.baseUrl}/periods/${periodId}`);
    await page.getByRole('tab', { name: 'Chốt và công bố' }).click();
    const ack = page.getByRole('checkbox', { name: /Tôi xác nhận chốt kết quả/ });
    await page.getByTestId('completeness-incomplete').or(page.getByTestId('completeness-complete')).waitFor();
    if (await ack.count()) await ack.check();
    await page.getByRole('button', { name: 'Chốt kết quả' }).click();
    await page.getByRole('dialog', { name: `Chốt kết quả năm ${YEAR}?` }).getByRole('button', { name: 'Chốt kết quả' }).click();
    await page.getByText('Đã chốt kết quả; có thể công bố.').first().waitFor();
    await page.getByLabel('Số quyết định công bố').fill('1234/QĐ-UBND');
    await page.getByLabel('Ngày quyết định').fill('15/03/2021');
    await page.getByLabel('Ngày quyết định').press('Tab');
    await h.screenshot('cycle-10-publish');
    await page.getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.getByRole('dialog', { name: `Công bố kết quả năm ${YEAR}?` }).getByRole('button', { name: 'Công bố', exact: true }).click();
    await page.getByText(/Đã công bố kết quả/).first().waitFor();
    await page.getByText('Các lần công bố').waitFor();
    await h.screenshot('cycle-11-published');
    await logout(h, 'secretariat');
  });

  it("shows Ban Dân tộc's 2020 rank and change on the public page, logged out, on a desktop and a phone", async () => {
    await page.getByTestId('public-results-link').click();
    await page.waitForURL(new RegExp(`/public/QNAM/${YEAR}`));
    const row = page.locator('tr.pi-pub-row-BDT');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Ban Dân tộc');
    expect(text).toMatch(/^\d+Ban Dân tộc\d+,\d\d%(▲\d+|▼\d+|—|)/);
    expect(await page.getByTestId('snapshot-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await page.getByText('1234/QĐ-UBND').waitFor();
    await quiet(page);
    await h.screenshot('cycle-12-public-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('rank-BDT').waitFor();
    await h.screenshot('cycle-13-public-phone');
    await page.getByTestId('rank-BDT').click();
    await page.getByTestId('scorecard-rank').waitFor();
    await h.screenshot('cycle-14-public-scorecard-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(h.consoleErrors).toEqual([]);
  });
});
