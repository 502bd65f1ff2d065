import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, type Harness, startHarness } from './harness';

describe('results: ranking, scorecard, English (secretariat)', () => {
  let h: Harness;
  let page: Page;

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    await page.goto(`${h.baseUrl}/login?next=${encodeURIComponent('/results?year=2019')}`);
    await page.getByLabel('Tên đăng nhập').fill('secretariat');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Kết quả Chỉ số CCHC', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('ranks the 2019 departments with Ban Dân tộc 20th, down 9 places', async () => {
    await page.getByRole('heading', { name: 'Bảng xếp hạng: Sở, ban, ngành, năm 2019' }).waitFor();
    const bdt = page.locator('.res-table tr.ant-table-row', { hasText: 'Ban Dân tộc' });
    await bdt.waitFor();
    const cells = await bdt.locator('td').allInnerTexts();
    expect(cells[0]?.trim()).toBe('20');
    expect(cells.join(' ')).toContain('▼9');
    expect(cells.join(' ')).toContain('63,09');
    await page.getByText('Đã công bố', { exact: true }).waitFor();
    await h.screenshot('res-01-ranking');
    await page.locator('.res-chart-card svg').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, (document.querySelector('.res-chart-card') as HTMLElement).getBoundingClientRect().top + window.scrollY - 64));
    await h.screenshot('res-01b-ranking-chart');
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  it('opens the scorecard of Ban Dân tộc with its components against the group', async () => {
    await page.getByRole('button', { name: 'Ban Dân tộc', exact: true }).click();
    await page.getByRole('heading', { name: 'Ban Dân tộc', level: 1 }).waitFor();
    expect(await page.getByTestId('sc-rank').textContent()).toBe('20/20');
    await page.getByLabel('Giảm 9 bậc').waitFor();
    const components = page.locator('.res-components');
    await components.getByText('3. Cải cách thủ tục hành chính').waitFor();
    await components.getByText('Trung bình nhóm').first().waitFor();
    await page.locator('.res-tree').getByText('Cải cách thủ tục hành chính').first().waitFor();
    await h.screenshot('res-02-scorecard');
  });

  it('shows only the criteria that lost points on request', async () => {
    await page.getByLabel('Chỉ hiện tiêu chí bị mất điểm').click();
    await page.locator('.res-tree .res-explain').first().waitFor();
    const explained = await page.locator('.res-tree .res-explain').allInnerTexts();
    expect(explained.length).toBeGreaterThan(0);
    await page.getByLabel('Chỉ hiện tiêu chí bị mất điểm').click();
  });

  it('switches to English with English labels and numbers', async () => {
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Ethnic Minorities Committee', level: 1 }).waitFor();
    await page.getByText('Component indices', { exact: true }).waitFor();
    await page.locator('.res-components').getByText('3. Administrative procedure (TTHC) reform').waitFor();
    await page.getByLabel('Down 9 places').waitFor();
    expect(await page.locator('.res-kpi-big').first().textContent()).toBe('63.09%');
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot('res-03-scorecard-en');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Results', exact: true }).click();
    await page.getByRole('heading', { name: 'Ranking: Provincial departments and boards, 2019' }).waitFor();
    await page.getByRole('columnheader', { name: 'Rank' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot('res-04-ranking-en');
  });

  it('says on the public page, in red, when a published snapshot no longer matches its hash', async () => {
    await page.goto(`${h.baseUrl}/public/QNAM/2019`);
    await page.getByTestId('snapshot-hash').waitFor();
    expect(await page.getByTestId('snapshot-not-verified').count()).toBe(0);
    // Only the tables' owner can switch the immutability trigger off (here the embedded database's one role).
    await h.app.database.rawTransaction(async (query) => {
      await query('alter table result_snapshots disable trigger result_snapshots_no_update_delete');
      await query(`update result_snapshots set content = jsonb_set(content, '{decision,number}', '"999/QĐ-giả"') where period_id = (select id from periods where year = 2019)`);
      await query('alter table result_snapshots enable trigger result_snapshots_no_update_delete');
    });
    await page.reload();
    const notice = page.getByTestId('snapshot-not-verified');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/không còn trùng với mã đã công bố|no longer equals the published hash/);
    await h.screenshot('res-05-public-not-verified');
  });

  it('kept the browser console clean', () => {
    expect(h.consoleErrors).toEqual([]);
  });
});
