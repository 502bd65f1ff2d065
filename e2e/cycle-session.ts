/**
 * Helpers of the assessment-cycle journey: logging people in and out through the UI, choosing the year, and
 * reading or completing an assessment through the API with the browser's session.
 */
import type { Page } from 'playwright-core';
import type { AssessmentDetail } from '../src/core/schemas/assessments';
import type { FrameworkNode, LeafInput } from '../src/core/schemas/framework';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type Harness, pickOption } from './harness';

/** Logs a demo account in through the login page and waits for the home page. */
export async function loginAs(h: Harness, username: string): Promise<void> {
  const page = h.page;
  // A fresh start even when a previous step failed half-way while logged in.
  await h.context.clearCookies();
  await page.goto(`${h.baseUrl}/login`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.locator('.pi-topbar').waitFor();
}

/** Logs out through the user menu. */
export async function logout(h: Harness, username: string): Promise<void> {
  const fullName = DEMO_ACCOUNTS.find((a) => a.username === username)?.fullName ?? username;
  await h.page.getByRole('button', { name: `Tài khoản: ${fullName}` }).click();
  await h.page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
  await h.page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
}

/** Chooses the assessment year in the top bar. */
export async function chooseYear(page: Page, year: number): Promise<void> {
  await page.getByLabel('Kỳ đánh giá', { exact: true }).selectOption(String(year));
}

/** Picks an option of an antd Select opened from its labelled input. */
export async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await pickOption(page, page.getByLabel(label, { exact: true }), option);
}

/** GET through the API with the browser's session. */
export async function apiGet<T>(h: Harness, url: string): Promise<T> {
  const res = await h.apiAs('GET', url);
  if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** The id of an agency's assessment in the period of a year. */
export async function assessmentIdOf(h: Harness, year: number, agencyCode: string): Promise<{ periodId: number; assessmentId: number }> {
  const periods = await apiGet<{ items: { id: number; year: number }[] }>(h, '/api/periods');
  const period = periods.items.find((p) => p.year === year);
  if (!period) throw new Error(`no period ${year}`);
  const list = await apiGet<{ items: { id: number; agencyCode: string }[] }>(h, `/api/assessments?periodId=${period.id}`);
  const a = list.items.find((x) => x.agencyCode === agencyCode);
  if (!a) throw new Error(`no assessment of ${agencyCode}`);
  return { periodId: period.id, assessmentId: a.id };
}

/** A valid, full-points-or-yes input for a leaf of any self-scored method (used to complete leaves via the API). */
export function someInput(node: FrameworkNode): LeafInput {
  const m = node.method;
  switch (m?.type) {
    case 'levels':
      return { levelCode: m.levels[0]!.code };
    case 'yes_no':
      return { value: true };
    case 'ratio_ladder':
    case 'ratio_proportional':
      return { numerator: '1', denominator: '1' };
    default:
      return { value: '0' };
  }
}

/**
 * Completes, through the API, every leaf the submission checklist still lists (not scored, or scored without
 * evidence and explanation), so that the head can submit: the journey scores its own leaves in the UI, the demo
 * seed may leave others open.
 */
export async function completeChecklistViaApi(h: Harness, assessmentId: number): Promise<string[]> {
  const checklist = await apiGet<{ notScored: string[]; noEvidence: string[] }>(h, `/api/assessments/${assessmentId}/checklist`);
  const codes = [...checklist.notScored, ...checklist.noEvidence];
  if (codes.length === 0) return [];
  const detail = await apiGet<AssessmentDetail>(h, `/api/assessments/${assessmentId}`);
  for (const code of codes) {
    const node = detail.framework.nodes.find((n) => n.code === code)!;
    const leaf = detail.leaves.find((l) => l.code === code)!;
    const res = await h.apiAs('PUT', `/api/assessments/${assessmentId}/leaves/${code}/self`, {
      input: leaf.self?.input ?? someInput(node),
      explanation: 'Hồ sơ giấy đã gửi Sở Nội vụ.',
      version: leaf.version,
    });
    if (res.status !== 200) throw new Error(`completing ${code}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return codes;
}

/** A minimal one-page PDF (valid enough for the server's type check and the browser's viewer). */
export function tinyPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 40 780 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
