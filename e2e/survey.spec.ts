/**
 * The sociological survey in Chromium: the secretariat builds a small questionnaire in the builder (live checks,
 * preview as a respondent), publishes it and issues three one-time codes with their printable QR sheet; a
 * respondent on a 390×844 phone answers with a code, loses the connection half-way, reloads without losing
 * anything, submits once back online and sees the receipt; the used code then gets a kind message; finally a paper
 * form is entered with the keyboard grid, the quota dashboard and a re-verification sample are checked.
 */
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseYear, loginAs } from './cycle-session';
import { type Harness, SHOTS_DIR, startHarness } from './harness';

const YEAR = 2020;

interface SurveyBody {
  id: number;
  publicToken: string;
  responseCount: number;
  ratedAgencies: { id: number; code: string; nameVi: string }[];
}

/** Waits until earlier toasts are gone, so a screenshot shows the page itself. */
async function quiet(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, undefined, { timeout: 10_000 }).catch(() => undefined);
}

describe('sociological survey journey (Chromium)', () => {
  let h: Harness;
  let page: Page;
  let surveyId = 0;
  let survey: SurveyBody;
  let codes: string[] = [];
  let leafCode = '';
  let browser: Browser;
  let phone: BrowserContext;

  const api = async <T,>(url: string): Promise<T> => {
    const res = await h.apiAs('GET', url);
    if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  };

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    await loginAs(h, 'secretariat');
    await chooseYear(page, YEAR);
    // The first survey leaf of the period's frameworks, to map the question to.
    const periods = await api<{ items: { id: number; year: number; frameworks: { frameworkId: number }[] }[] }>('/api/periods');
    const period = periods.items.find((p) => p.year === YEAR)!;
    const fw = await api<{ document: { nodes: { code: string; method?: { type: string } | null }[] } }>(`/api/frameworks/${period.frameworks[0]!.frameworkId}`);
    leafCode = fw.document.nodes.find((n) => n.method?.type === 'survey')!.code;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  });

  afterAll(async () => {
    await phone?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await h?.close();
  });

  it('builds a questionnaire in the builder with live checks and a respondent preview, then publishes it', async () => {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Điều tra xã hội học' }).click();
    await page.getByRole('heading', { name: 'Điều tra xã hội học', level: 1 }).waitFor();
    await page.getByText(`Kỳ đánh giá năm ${YEAR} chưa có phiếu khảo sát`).waitFor();
    await page.getByRole('button', { name: 'Tạo phiếu khảo sát' }).first().click();
    await page.getByRole('heading', { name: 'Phiếu khảo sát mới', level: 1 }).waitFor();

    // Live checks: an empty title, no rated agency and an empty question are errors before anything is sent.
    await page.getByTestId('builder-errors').waitFor();
    expect(await page.getByTestId('builder-errors').textContent()).toMatch(/\d+ lỗi/);
    await page.getByTestId('builder-save').click();
    await page.getByText('Bắt buộc nhập.').first().waitFor();

    await page.getByLabel('Tên phiếu', { exact: true }).fill('Phiếu khảo sát người dân về cải cách hành chính');
    const agencies = page.getByRole('combobox', { name: 'Cơ quan được đánh giá' });
    for (const code of ['BDT', 'STP']) {
      await agencies.click();
      await agencies.fill(code);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${code} ·`) }).first().click();
    }
    await page.keyboard.press('Escape');

    // Section 1: one matrix question (asked for each agency) with the default A–E scale, scoring a survey leaf.
    await page.locator('#sb-content-sections-0-questions-0-textVi').fill('Cơ quan giải quyết thủ tục hành chính cho Ông/Bà như thế nào?');
    await page.getByRole('combobox', { name: 'Tính điểm cho tiêu chí' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${leafCode.replace(/\./g, '\\.')}\\. `) }).first().click();
    await page.keyboard.press('Escape');

    // Section 2: a 1–5 question about the respondent and an optional comment.
    await page.getByRole('button', { name: 'Thêm phần (một màn hình mới)' }).click();
    await page.getByRole('button', { name: 'Thêm câu hỏi' }).last().click();
    const q2 = page.locator('[id="f-content.sections.1.questions.0"]');
    await q2.locator('.ant-segmented-item').filter({ hasText: 'Thang 1–5' }).click();
    await q2.getByRole('switch', { name: 'Hỏi cho từng cơ quan' }).click();
    await page.locator('#sb-content-sections-1-questions-0-textVi').fill('Ông/Bà hài lòng thế nào với cải cách hành chính của tỉnh?');
    await page.getByRole('button', { name: 'Thêm câu hỏi' }).last().click();
    const q3 = page.locator('[id="f-content.sections.1.questions.1"]');
    await q3.locator('.ant-segmented-item').filter({ hasText: 'Ý kiến (văn bản)' }).click();
    await q3.getByRole('switch', { name: 'Hỏi cho từng cơ quan' }).click();
    await page.locator('#sb-content-sections-1-questions-1-textVi').fill('Ý kiến góp ý khác');
    await expect.poll(() => page.getByTestId('builder-errors').count()).toBe(0);
    await quiet(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot('survey-01-builder');
    await page.locator('[id="f-content.sections.0.questions.0"]').scrollIntoViewIfNeeded();
    await h.screenshot('survey-01b-builder-question');

    // Preview as a respondent: the public form in a phone frame.
    await page.getByRole('button', { name: 'Xem trước như người trả lời' }).click();
    const preview = page.getByTestId('survey-preview');
    await preview.getByRole('button', { name: 'Bắt đầu trả lời' }).click();
    await preview.getByText('Phần 1/2').waitFor();
    await preview.getByText('Cơ quan giải quyết thủ tục hành chính cho Ông/Bà như thế nào?').waitFor();
    await h.screenshot('survey-02-preview');
    await page.locator('.ant-drawer-close').click();

    await page.getByTestId('builder-save').click();
    await page.waitForURL(/\/surveys\/\d+$/);
    surveyId = Number(/\/surveys\/(\d+)/.exec(page.url())![1]);
    await page.getByRole('button', { name: 'Mở nhận trả lời' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Mở nhận trả lời' }).click();
    await page.getByText('Đang nhận trả lời').first().waitFor();
    survey = await api<SurveyBody>(`/api/surveys/${surveyId}`);
    expect(survey.ratedAgencies.map((a) => a.code)).toEqual(['BDT', 'STP']);
  });

  it('issues a batch of three codes and opens its printable QR sheet', async () => {
    await page.getByRole('tab', { name: 'Mã phiếu và QR' }).click();
    await page.getByLabel('Số mã').fill('3');
    await page.getByLabel('Tên lô').fill('Bộ phận một cửa');
    await page.getByRole('button', { name: 'Phát mã' }).click();
    await page.getByText('Đã phát 3 mã.').waitFor();
    await page.getByText('0/3').first().waitFor();
    const [sheet] = await Promise.all([h.context.waitForEvent('page'), page.getByRole('link', { name: 'In phiếu mã QR của lô Bộ phận một cửa' }).click()]);
    await sheet.waitForLoadState();
    expect(await sheet.locator('.qr svg').count()).toBe(3);
    codes = (await sheet.locator('.code').allTextContents()).map((c) => c.replace(/\s+/g, ''));
    expect(codes).toHaveLength(3);
    expect(await sheet.content()).toContain(`/khao-sat/${survey.publicToken}`);
    await sheet.screenshot({ path: path.join(SHOTS_DIR, 'survey-03-qr-sheet.png') });
    await sheet.close();
    await quiet(page);
    await h.screenshot('survey-04-codes');
  });

  it('lets a respondent answer on a phone, offline half-way and after a reload, and shows the receipt', async () => {
    const p = await phone.newPage();
    const shot = (name: string) => p.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
    const [bdt, stp] = survey.ratedAgencies;
    await p.goto(`${h.baseUrl}/khao-sat/${survey.publicToken}?ma=${codes[0]!.toLowerCase()}`);
    await p.getByRole('button', { name: 'Bắt đầu trả lời' }).waitFor();
    await p.getByText('2 câu hỏi').waitFor().catch(() => undefined);
    await shot('survey-05-phone-start');
    await p.getByRole('button', { name: 'Bắt đầu trả lời' }).click();
    await p.getByText('Phần 1/2').waitFor();

    // A required prompt left empty is flagged before moving on.
    await p.getByRole('radiogroup', { name: bdt!.nameVi }).getByRole('radio', { name: /^A\./ }).check();
    await expectProgress(p, 25); // 1 of 4 prompts: a matrix question counts once per rated agency
    await p.getByRole('button', { name: 'Tiếp theo' }).click();
    await p.getByText('Còn 1 câu bắt buộc chưa trả lời').waitFor();
    await shot('survey-06-phone-required');
    await p.getByRole('radiogroup', { name: stp!.nameVi }).getByRole('radio', { name: /^B\./ }).check();
    await p.getByRole('button', { name: 'Tiếp theo' }).click();
    await p.getByText('Phần 2/2').waitFor();

    // The connection drops: answers go on being kept on the device.
    await phone.setOffline(true);
    await p.getByText('Đang mất kết nối').waitFor();
    await p.getByRole('radio', { name: '4 / 5' }).check();
    await expectProgress(p, 75);
    await p.getByRole('textbox', { name: 'Ý kiến góp ý khác' }).fill('Thủ tục nhanh, cán bộ nhiệt tình.');
    await expectProgress(p, 100);
    await shot('survey-07-phone-offline');

    // Back online, reload: the screen and every answer are still there.
    await phone.setOffline(false);
    await p.reload();
    await p.getByText('Phần 2/2').waitFor();
    expect(await p.getByRole('radio', { name: '4 / 5' }).isChecked()).toBe(true);
    expect(await p.getByRole('textbox', { name: 'Ý kiến góp ý khác' }).inputValue()).toBe('Thủ tục nhanh, cán bộ nhiệt tình.');
    await p.getByRole('button', { name: 'Quay lại' }).click();
    await p.getByText('Phần 1/2').waitFor();
    expect(await p.getByRole('radiogroup', { name: stp!.nameVi }).getByRole('radio', { name: /^B\./ }).isChecked()).toBe(true);
    await p.getByRole('button', { name: 'Tiếp theo' }).click();
    await shot('survey-08-phone-restored');

    // Submitting while offline waits and retries by itself, with the same idempotency key, once back online.
    await phone.setOffline(true);
    await p.getByRole('button', { name: 'Gửi phiếu' }).click();
    await p.getByText('Chưa gửi được vì mất kết nối').waitFor();
    await shot('survey-09-phone-waiting');
    await phone.setOffline(false);
    const receipt = p.getByTestId('survey-receipt');
    await receipt.waitFor({ timeout: 30_000 });
    expect((await receipt.textContent())?.trim()).toMatch(/^[0-9A-F]{12}$/);
    await p.getByRole('heading', { name: 'Cảm ơn Quý vị!' }).waitFor();
    await shot('survey-10-phone-thanks');
    expect((await api<SurveyBody>(`/api/surveys/${surveyId}`)).responseCount).toBe(1);

    // Reloading keeps the thank-you; on another device (nothing stored) the code is used, kindly said.
    await p.reload();
    await p.getByTestId('survey-receipt').waitFor();
    await p.evaluate(() => window.localStorage.clear());
    await p.reload();
    await p.getByRole('heading', { name: 'Mã phiếu này đã được sử dụng' }).waitFor();
    await shot('survey-11-phone-used');

    // A mistyped code is told apart from a used one, and another code can be typed in.
    await p.getByLabel('Trả lời bằng mã khác').fill('SAIMA23456');
    await p.getByRole('button', { name: 'Mở phiếu' }).click();
    await p.getByRole('heading', { name: 'Mã phiếu không đúng' }).waitFor();
    await p.getByRole('textbox', { name: 'Mã phiếu' }).fill(codes[1]!);
    await p.getByRole('button', { name: 'Mở phiếu' }).click();
    await p.getByRole('button', { name: 'Bắt đầu trả lời' }).waitFor();
    // English is one tap away.
    await p.getByText('English', { exact: true }).click();
    await p.getByRole('button', { name: 'Start' }).waitFor();
    await shot('survey-11b-phone-english');
    await p.close();
  });

  it('enters one paper form with the keyboard grid', async () => {
    await page.getByRole('tab', { name: 'Nhập phiếu giấy' }).click();
    await page.getByTestId('paper-ref').fill('G-001');
    const [bdt, stp] = survey.ratedAgencies;
    await page.getByTestId(`paper-row-Q1|${bdt!.id}`).click();
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await page.keyboard.press('5');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Phiếu giấy số 1');
    await expect.poll(() => page.getByTestId(`paper-row-Q1|${stp!.id}`).locator('.pi-paper-chip.is-on').textContent()).toContain('C');
    await quiet(page);
    await h.screenshot('survey-12-paper-grid');
    await page.keyboard.press('Enter');
    await page.getByText('Đã lưu phiếu giấy G-001.').waitFor();
    await page.getByTestId('paper-count').filter({ hasText: '1 phiếu' }).waitFor();
    expect(await page.getByTestId('paper-ref').inputValue()).toBe('G-002');
    expect((await api<SurveyBody>(`/api/surveys/${surveyId}`)).responseCount).toBe(2);

    // Double entry: the same paper typed again as entry 2 with one answer different shows up as a mismatch.
    await quiet(page);
    await page.getByText('Lần 2 (đối chiếu)').click();
    await page.getByTestId('paper-ref').fill('G-001');
    await page.getByTestId(`paper-row-Q1|${bdt!.id}`).click();
    for (const key of ['1', 'Enter', '2', 'Enter', '5', 'Enter']) await page.keyboard.press(key);
    await page.keyboard.type('Phiếu giấy số 1');
    await page.keyboard.press('Enter');
    await page.getByText('Đã lưu phiếu giấy G-001.').waitFor();
    await page.getByText('Phiếu nhập hai lần bị lệch (1)').waitFor();
    await page.getByRole('button', { name: 'Giữ lần 1' }).click();
    await page.getByText('Phiếu G-001: đã giữ bản nhập lần 1.').waitFor();
    // A resolved pair leaves the mismatch report (the server keeps entry 1 and marks entry 2 superseded).
    await page.getByText('Phiếu nhập hai lần bị lệch (0)').waitFor();
  });

  it('shows quota fill, draws a re-verification sample and confirms a response', async () => {
    await page.getByRole('tab', { name: 'Chỉ tiêu mẫu' }).click();
    await page.getByRole('button', { name: 'Sửa chỉ tiêu' }).click();
    await page.getByLabel('Đặt chỉ tiêu cho cả cột DN').first().fill('4');
    await page.getByRole('button', { name: 'Lưu chỉ tiêu' }).click();
    await page.getByText('Đã lưu chỉ tiêu mẫu.').waitFor();
    await page.getByTestId('quota-overall').filter({ hasText: '4/8' }).waitFor();
    await quiet(page);
    await h.screenshot('survey-13-quotas');

    await page.getByRole('tab', { name: 'Phúc tra' }).click();
    await page.getByLabel('Tỷ lệ mẫu').fill('100');
    await page.getByRole('button', { name: 'Rút mẫu' }).click();
    await page.getByText(/Đã rút 2 phiếu/).waitFor();
    await page.getByRole('button', { name: 'Xác nhận' }).first().click();
    await page.getByText(/Đã xác nhận phiếu #\d+/).waitFor();
    await quiet(page);
    await h.screenshot('survey-14-verification');

    await page.getByRole('tab', { name: 'Tổng hợp điểm' }).click();
    await page.locator('.ant-table-row').first().waitFor();
    // The tally leads with a status bar, and its warnings read as words that fit the 1366 px screen.
    await page.locator('.pi-statusbar').waitFor();
    const warnings = await page.locator('.pi-tally-warning').allInnerTexts();
    expect(warnings.filter((w) => /[a-z]+_[a-z]+/.test(w))).toEqual([]);
    expect(await page.evaluate(() => [...document.querySelectorAll('main .ant-table-content, main .ant-table-body')].some((el) => el.scrollWidth > el.clientWidth + 1))).toBe(false);
    await quiet(page);
    await h.screenshot('survey-15-tally');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Điều tra xã hội học' }).click();
    await page.getByTestId('responses-P01').filter({ hasText: '3' }).waitFor();
    await quiet(page);
    await h.screenshot('survey-16-list');
    expect(h.consoleErrors).toEqual([]);
  });
});

/**
 * The phone form's "Đã trả lời N%", the bar's accessible value and the bar's drawn width all read `percent`
 * (issue 11: they used to be reported as disagreeing). The width is polled: the bar eases to its new width.
 */
async function expectProgress(p: Page, percent: number): Promise<void> {
  const bar = p.getByRole('progressbar', { name: 'Tiến độ trả lời' });
  await expect.poll(async () => (await p.getByTestId('sform-answered').textContent())?.trim()).toBe(`Đã trả lời ${percent}%`);
  expect(await bar.getAttribute('aria-valuenow')).toBe(String(percent));
  expect(await bar.getAttribute('aria-valuetext')).toBe(`Đã trả lời ${percent}%`);
  await expect
    .poll(() => bar.evaluate((el) => Math.round((100 * (el.firstElementChild as HTMLElement).getBoundingClientRect().width) / el.getBoundingClientRect().width)))
    .toBe(percent);
}
