import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type Harness, startHarness } from './harness';

interface Field {
  code: string;
  nameVi: string;
  nameEn: string;
}
interface Comparison extends Field {
  index: number | null;
}
interface AnalysisBody {
  fields: Field[];
  summary: { totalIndex: number; majority: { codes: string[] } | null };
  comparison: { fields: Comparison[] };
  whatItTakes: { targets: { rank: number; reachable: boolean; leaves: { code: string }[] }[] };
  robustness: { surveyLeavesDrawn: number };
  trend: { from: number; to: number };
}

async function login(page: Page, baseUrl: string, username: string, next: string) {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Scrolls a card under the sticky top bar before a screenshot. */
async function scrollTo(page: Page, selector: string) {
  await page.evaluate((s) => {
    const el = document.querySelector(s) as HTMLElement | null;
    if (el) window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 64);
  }, selector);
}

describe('analysis: Ban Dân tộc 2019 (agency focal point), then the province view (secretariat)', () => {
  let h: Harness;
  let page: Page;
  let agencyId = 0;
  let api: AnalysisBody;

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    await login(page, h.baseUrl, 'bdt.focal', '/');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('opens its own agency’s analysis from the navigation, on the latest published year (2019)', async () => {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Phân tích', exact: true }).click();
    await page.waitForURL(/\/analysis\/agencies\/\d+/);
    agencyId = Number(/\/analysis\/agencies\/(\d+)/.exec(page.url())![1]);
    await page.getByRole('heading', { name: 'Ban Dân tộc', level: 1 }).waitFor();
    await page.getByText('Phân tích Chỉ số CCHC năm 2019 · Sở, ban, ngành.').waitFor();
    const res = await h.apiAs('GET', `/api/analysis/agencies/${agencyId}?year=2019`);
    expect(res.status).toBe(200);
    api = res.body as AnalysisBody;
  });

  it('says in one sentence: 20th of 20, down 9 places, and where most points were lost', async () => {
    const sentence = (await page.getByTestId('an-sentence').textContent()) ?? '';
    expect(sentence).toMatch(/^Xếp hạng 20\/20 sở, ban, ngành năm 2019, giảm 9 bậc; /);
    // The fields the sentence names are the API's majority of the points lost, by their Vietnamese names.
    const majority = api.summary.majority!.codes;
    expect(majority.length).toBeGreaterThan(0);
    for (const code of majority) expect(sentence).toContain(api.fields.find((f) => f.code === code)!.nameVi);
    expect(await page.getByTestId('an-rank').textContent()).toBe('20/20');
    await page.getByLabel('Giảm 9 bậc').first().waitFor();
    await page.getByText('Năm 2018: hạng 11').waitFor();
  });

  it('names its weakest components: 1, 3, 7 and 8, the lowest component indices, below its index', async () => {
    const items = page.getByTestId('an-weakest').locator('li');
    const codes = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    const expected = api.comparison.fields
      .filter((f) => f.index !== null && f.index < api.summary.totalIndex)
      .sort((a, b) => a.index! - b.index!)
      .map((f) => f.code);
    expect(codes).toEqual(expected);
    expect([...codes].sort()).toEqual(['1', '3', '7', '8']);
    const texts = await items.allInnerTexts();
    codes.forEach((code, i) => expect(texts[i]).toContain(`${code}. ${api.fields.find((f) => f.code === code)!.nameVi}`));
    await h.screenshot('analysis-01-agency');
  });

  it('drills the loss waterfall into the criteria of a field and back', async () => {
    const card = page.locator('.an-waterfall');
    await card.locator('.pi-chart svg').first().waitFor();
    await card.getByRole('button', { name: 'Xem điểm bị mất theo tiêu chí của lĩnh vực 3' }).click();
    await card.getByRole('heading', { name: 'Lĩnh vực 3. Cải cách thủ tục hành chính: điểm bị mất theo tiêu chí' }).waitFor();
    await card.getByText('3.4. Kết quả giải quyết TTHC').waitFor();
    await scrollTo(page, '.an-waterfall');
    await h.screenshot('analysis-02-waterfall-field-3');
    await card.getByRole('button', { name: 'Tất cả lĩnh vực' }).click();
    await card.getByRole('heading', { name: 'Điểm bị mất theo lĩnh vực' }).waitFor();
  });

  it('lists the leaves that lost the most, with last year’s points and “Tạo nhiệm vụ”', async () => {
    const card = page.locator('.an-lost-leaves');
    const rows = card.locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(10);
    // The remediation's "create task" button sits next to each lost leaf the focal point may turn into a task.
    await card.getByRole('button', { name: 'Tạo nhiệm vụ khắc phục tiêu chí 3.4.1' }).waitFor();
    await card.getByRole('columnheader', { name: 'Năm 2018' }).waitFor();
  });

  it('exports the report (.docx) and a table (.xlsx)', async () => {
    const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất báo cáo .docx' }).click()]);
    expect(report.suggestedFilename()).toMatch(/\.docx$/);
    await page.getByText(/^Đã tải xuống .*\.docx\.$/).waitFor();
    const [table] = await Promise.all([page.waitForEvent('download'), page.locator('.an-lost-leaves').getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(table.suggestedFilename()).toBe(`tieu-chi-mat-diem-BDT-2019.xlsx`);
  });

  it('shows what it takes to reach rank 19: the points needed and the leaves that deliver them', async () => {
    const card = page.locator('.an-wit');
    await scrollTo(page, '.an-wit');
    // The nearest reachable rank is chosen first; choose it explicitly all the same.
    await card.getByLabel('Hạng muốn đạt').click();
    await page.locator('.ant-select-item-option', { hasText: /^Hạng 19 · / }).click();
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    const expected = api.whatItTakes.targets.find((t) => t.rank === 19)!;
    expect(expected.reachable).toBe(true);
    const codes = await card.locator('.an-wit-leaves tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect(codes.map((c) => c.trim())).toEqual(expected.leaves.map((l) => l.code));
    expect(codes.length).toBeGreaterThan(0);
    await card.getByText('→ 64,62%, hạng 19').waitFor();
    await h.screenshot('analysis-03-what-it-takes');
    // "Tối đa": every leaf to its maximum; the page reloads the suggestion and keeps the choice in the address.
    await card.getByText('Tối đa', { exact: true }).click();
    await page.waitForURL(/mode=to_max/);
    await expect.poll(() => card.locator('.an-wit-leaves tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    await card.getByText('Một bậc', { exact: true }).click();
    await page.waitForURL((u) => !u.search.includes('mode='));
  });

  it('offers the rank lost since last year back (11th), with points in two decimals', async () => {
    const card = page.locator('.an-wit');
    await card.getByTestId('an-wit-lost-rank').click();
    await expect.poll(async () => card.locator('.an-wit-target').textContent()).toMatch(/^Hạng 11 \(hạng năm trước\) · /);
    // Once the new target's table has replaced the previous one, no figure has more than two decimals.
    await expect.poll(async () => card.textContent()).not.toMatch(/\d,\d{3,}/);
  });

  it('says in plain words that 2019 has too little survey detail to tell, and gives the one-level-off interval', async () => {
    expect(api.robustness.surveyLeavesDrawn).toBe(0);
    const card = page.locator('.an-robust');
    await card.getByTestId('an-rob-no-survey').waitFor();
    expect(await card.getByTestId('an-rob-no-survey').textContent()).toContain('Năm 2019 không có đủ số liệu khảo sát để biết điểm khảo sát có thể lệch bao nhiêu');
    // No statistics jargon in the card (issue 11): no confidence intervals, percentiles, medians or Monte Carlo.
    expect(await card.textContent()).not.toMatch(/khoảng tin cậy|phân vị|trung vị|Monte Carlo|xác suất/i);
    expect(await card.getByTestId('an-rob-worst').textContent()).toMatch(/^hạng 20 /);
    expect(await card.getByTestId('an-rob-best').textContent()).toMatch(/^hạng \d+ /);
  });

  it('draws the trend 2013–2019: index and rank (rank axis inverted), every year in the table', async () => {
    expect([api.trend.from, api.trend.to]).toEqual([2013, 2019]);
    const card = page.locator('.an-trend');
    await card.getByRole('heading', { name: 'Xu hướng 2013–2019' }).waitFor();
    const years = await card.locator('.an-trend-table tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect(years.map((y) => y.trim())).toEqual(['2019', '2018', '2017', '2016', '2015', '2014', '2013']);
    await card.getByRole('img', { name: /Biểu đồ đường thứ hạng của Ban Dân tộc từ 2013 đến 2019/ }).waitFor();
    await card.locator('.pi-chart svg').nth(1).waitFor();
    await scrollTo(page, '.an-robust');
    await h.screenshot('analysis-04-robustness');
    await scrollTo(page, '.an-trend');
    await h.screenshot('analysis-04b-trend');
  });

  it('fits a phone: nothing of the page is wider than the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(300);
      const overflow = await page.evaluate(() => {
        const el = document.querySelector('.an-page') as HTMLElement;
        return el.scrollWidth - el.clientWidth;
      });
      expect(overflow).toBe(0);
      await h.screenshot('analysis-05-phone');
    } finally {
      await page.setViewportSize({ width: 1366, height: 768 });
    }
  });

  it('switches to English: English labels, sentence and field names', async () => {
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Ethnic Minorities Committee', level: 1 }).waitFor();
    const sentence = (await page.getByTestId('an-sentence').textContent()) ?? '';
    expect(sentence).toMatch(/^Ranked 20th of 20 .* in 2019, down 9 places; /);
    for (const code of api.summary.majority!.codes) expect(sentence).toContain(api.fields.find((f) => f.code === code)!.nameEn);
    await page.getByRole('heading', { name: 'Points lost by field' }).waitFor();
    await page.getByRole('heading', { name: 'What it takes to climb' }).waitFor();
    await page.getByRole('heading', { name: 'How robust the rank is' }).waitFor();
    await page.getByRole('heading', { name: 'Trend 2013–2019' }).waitFor();
    await page.getByText('Weakest components:').waitFor();
    await page.getByText('2018: rank 11').waitFor();
    expect(await page.getByTestId('an-index').textContent()).toBe('63.09%');
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot('analysis-06-english');
    await page.getByText('Tiếng Việt', { exact: true }).click();
    await page.getByRole('heading', { name: 'Ban Dân tộc', level: 1 }).waitFor();
  });

  it('shows the secretariat the province view: Ban Dân tộc among the fallers, the heat map opens its analysis', async () => {
    await h.context.clearCookies();
    await login(page, h.baseUrl, 'secretariat', '/');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Phân tích toàn tỉnh' }).click();
    await page.getByRole('heading', { name: 'Phân tích toàn tỉnh', level: 1 }).waitFor();
    await page.getByText('Sở, ban, ngành, năm 2019:', { exact: false }).first().waitFor();
    const fallers = page.locator('.an-fallers');
    const bdt = fallers.locator('tr.ant-table-row', { hasText: 'Ban Dân tộc' });
    await bdt.waitFor();
    expect(await bdt.innerText()).toContain('11 → 20');
    const heatRows = page.locator('.an-heat-table tbody tr.ant-table-row');
    expect(await heatRows.count()).toBe(20);
    await page.locator('.an-dist .pi-chart svg').first().waitFor();
    const [annex] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải phụ lục .xlsx' }).click()]);
    expect(annex.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot('analysis-07-province');
    await scrollTo(page, '.an-heatmap');
    await h.screenshot('analysis-08-province-heatmap');
    // Sorting by a field puts the weakest first; a row opens that agency's analysis.
    await page.locator('.an-heat-table').getByRole('columnheader', { name: 'LV 3' }).click();
    expect(await heatRows.first().innerText()).toContain('Sở Tài nguyên và Môi trường');
    await page.locator('.an-heat-table').getByRole('link', { name: 'Ban Dân tộc' }).click();
    await page.waitForURL(new RegExp(`/analysis/agencies/${agencyId}\\?year=2019`));
    await page.getByRole('heading', { name: 'Ban Dân tộc', level: 1 }).waitFor();
    // The secretariat may switch to any agency.
    await page.getByLabel('Cơ quan', { exact: true }).waitFor();
  });

  it('kept the browser console clean', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
