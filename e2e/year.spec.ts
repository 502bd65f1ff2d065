/**
 * Issue 11 parts 1, 2 and 4: one year everywhere (address, reload, Back/Forward, remembered per user, one control per
 * screen), home pages by phase, and the public results for citizens at 1366 px and on a 390 px phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseYear, loginAs } from './cycle-session';
import { type Harness, startHarness } from './harness';

const yearOf = (page: Page) => page.getByTestId('year-select').inputValue();
const urlYear = (page: Page) => new URL(page.url()).searchParams.get('year');
/** Every control on the page whose options are years (the top bar's native select, antd selects showing a year). */
const yearControls = (page: Page) =>
  page.evaluate(() => {
    const native = [...document.querySelectorAll('select')].filter((s) => [...s.options].some((o) => /^20\d\d\b/.test(o.text)));
    const antd = [...document.querySelectorAll('.ant-select')].filter((s) => /^\s*20\d\d\s*$/.test(s.textContent ?? ''));
    return native.length + antd.length;
  });
const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

describe('one year everywhere', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    await loginAs(h, 'secretariat');
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  it('opens on the period in progress, writes it in the address and offers only years with a period or history', async () => {
    await page.waitForURL((u) => u.searchParams.get('year') === '2020');
    expect(await yearOf(page)).toBe('2020');
    const offered = await page.getByTestId('year-select').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    // 2025 imported results after the merger (the demo's lineage step), 2020 in progress, 2018-2019 published,
    // 2013-2017 imported history; nothing empty (2021-2024, 2026).
    expect(offered).toEqual(['2025', '2020', '2019', '2018', '2017', '2016', '2015', '2014', '2013']);
    // The cycle is running: the secretariat sees lateness and a status bar above the agencies' table.
    await page.getByTestId('home-status-bar').waitFor();
    await h.screenshot('year-01-home-2020');
  });

  it('keeps a chosen year through navigation, reload and Back/Forward', async () => {
    await chooseYear(page, 2019);
    await page.waitForURL((u) => u.searchParams.get('year') === '2019');
    // A published year: home leads with the results and the analysis, and nobody is late.
    await page.getByTestId('home-results').waitFor();
    expect(await page.getByText('Cơ quan chậm').count()).toBe(0);
    await h.screenshot('year-02-home-2019-published');

    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kết quả', exact: true }).click();
    await page.getByRole('heading', { name: 'Bảng xếp hạng: Sở, ban, ngành, năm 2019' }).waitFor();
    expect(urlYear(page)).toBe('2019');
    expect(await yearControls(page)).toBe(1);

    await page.reload();
    await page.getByRole('heading', { name: 'Bảng xếp hạng: Sở, ban, ngành, năm 2019' }).waitFor();
    expect(await yearOf(page)).toBe('2019');

    await chooseYear(page, 2018);
    await page.getByRole('heading', { name: 'Bảng xếp hạng: Sở, ban, ngành, năm 2018' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Bảng xếp hạng: Sở, ban, ngành, năm 2019' }).waitFor();
    expect(await yearOf(page)).toBe('2019');
    await page.goForward();
    await page.getByRole('heading', { name: 'Bảng xếp hạng: Sở, ban, ngành, năm 2018' }).waitFor();
    expect(await yearOf(page)).toBe('2018');
  });

  it('follows a deep link, and no analysis screen shows a second year', async () => {
    await page.goto(`${h.baseUrl}/analysis/province?year=2019`);
    await page.getByText(/năm 2019/).first().waitFor();
    expect(await yearOf(page)).toBe('2019');
    expect(await yearControls(page)).toBe(1);
    await page.locator('.an-page').waitFor();
    await h.screenshot('year-03-province-analysis-2019');

    const bdt = await h.apiAs('GET', '/api/agencies?q=BDT');
    const bdtId = (bdt.body as { items: { id: number; code: string }[] }).items.find((a) => a.code === 'BDT')!.id;
    await page.goto(`${h.baseUrl}/analysis/agencies/${bdtId}?year=2018`);
    await page.getByText(/năm 2018/).first().waitFor();
    expect(await yearOf(page)).toBe('2018');
    expect(await yearControls(page)).toBe(1);
    // The scorecard carries the year in its path: the top bar reads it there.
    await page.goto(`${h.baseUrl}/results/2019/agencies/${bdtId}`);
    await page.getByRole('heading', { name: 'Ban Dân tộc', level: 1 }).waitFor();
    expect(await yearOf(page)).toBe('2019');
    expect(await yearControls(page)).toBe(1);
    // The choice is stored on the account (the next test opens a page without a year right after).
    const stored = page.waitForResponse((r) => r.url().endsWith('/api/auth/year') && r.request().method() === 'PUT');
    await chooseYear(page, 2018);
    await page.waitForURL((u) => u.pathname === `/results/2018/agencies/${bdtId}`);
    expect((await stored).status()).toBe(200);
  });

  it('remembers the last year for the user, on a fresh visit without a year', async () => {
    await page.goto(`${h.baseUrl}/`);
    await page.waitForURL((u) => u.searchParams.get('year') === '2018');
    expect(await yearOf(page)).toBe('2018');
    const me = await h.apiAs('GET', '/api/auth/me');
    expect((me.body as { user: { preferredYear: number } }).user.preferredYear).toBe(2018);
  });

  it("gives the appraiser a home by phase: the queue's state while the cycle runs, the results once published", async () => {
    await loginAs(h, 'appraiser');
    await page.waitForURL((u) => u.searchParams.get('year') === '2020');
    await page.getByText('Chưa đến giai đoạn thẩm định').waitFor();
    await chooseYear(page, 2019);
    await page.getByTestId('home-results').waitFor();
    expect(await page.getByText('Chưa đến giai đoạn thẩm định').count()).toBe(0);
    await h.screenshot('year-04-appraiser-2019');
    expect(h.consoleErrors).toEqual([]);
  });

  it('takes a citizen straight to the only province, with a ranking that fits 1366 px, a legend, a chart and the hash in words', async () => {
    await h.context.clearCookies();
    await page.evaluate(() => window.localStorage.clear());
    await page.goto(`${h.baseUrl}/login`);
    await page.getByTestId('public-results-link').click();
    await page.waitForURL((u) => u.pathname === '/public/QNAM/2019');
    await page.getByTestId('snapshot-hash').waitFor();
    await page.getByTestId('hash-plain').waitFor();
    await page.getByTestId('field-legend').waitFor();
    expect(await page.getByText('Mã tỉnh').count()).toBe(0);
    await page.locator('.pi-pub-chart svg').first().waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    await h.screenshot('year-05-public-1366');
    const overflowing = await page.locator('.pi-pub-ranking .ant-table-content, .pi-pub-ranking .ant-table-body, .pi-pub-ranking .ant-table-container').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => `${e.className} ${e.scrollWidth}/${e.clientWidth}`));
    expect(overflowing).toEqual([]);
  });

  it('reads well on a 390 px phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId('rank-BDT').waitFor();
    await page.locator('.pi-pub-chart svg').first().waitFor();
    expect(await noSidewaysScroll(page)).toBe(true);
    await h.screenshot('year-06-public-phone');
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(h.consoleErrors).toEqual([]);
  });
});
