/**
 * The generated files are opened by a real office suite: LibreOffice headless converts the agency report (.docx)
 * to text and PDF, the results annex and a table export (.xlsx) to CSV and PDF, and the text and numbers are checked
 * against the published results. Skipped, with the reason in the test name, only when `soffice` is missing outside
 * CI; in CI (CI set, as .ci/run does) a missing LibreOffice fails the run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type DemoContext } from '../../testing/app';
import { convertWithLibreOffice, LIBREOFFICE_INSTALL as INSTALL, parseCsv, requireSoffice, SKIP_LIBREOFFICE as SKIP, SOFFICE } from '../../testing/libreoffice';

if (SKIP) console.warn(`LibreOffice (soffice) not found: the LibreOffice round-trip tests are skipped. Install it with: ${INSTALL}`);

let t: DemoContext;
let work = '';

/** Converts `file` with LibreOffice headless (its own profile, so runs do not collide) and returns the output path. */
async function convert(file: string, to: string, ext: string): Promise<string> {
  const [out] = await convertWithLibreOffice(work, [file], to, ext, path.join(work, `out-${ext}`));
  return out!;
}

/** "63.09" or "63,09" (the locale LibreOffice runs in) → 63.09. */
const num = (s: string) => Number(s.trim().replace(/\s/g, '').replace(',', '.'));

/** Pages of a PDF written by LibreOffice (uncompressed page objects) and whether the first is landscape. */
function pdfInfo(file: string): { pages: number; landscape: boolean } {
  const s = fs.readFileSync(file).toString('latin1');
  const pages = s.match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(s);
  return { pages, landscape: box ? Number(box[1]) > Number(box[2]) : false };
}

describe.skipIf(SKIP)(SKIP ? `LibreOffice round trip — SKIPPED: soffice not found (${INSTALL})` : 'LibreOffice round trip', () => {
  beforeAll(async () => {
    if (!SOFFICE) return;
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-lo-'));
    t = await createDemoContext();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('has LibreOffice installed (CI installs it in .ci/run)', () => {
    requireSoffice();
  });

  it('opens the agency report: Ban Dân tộc ranked 20/20, its index and sections as text; A4 pages as PDF', async () => {
    requireSoffice();
    const focal = await t.as('bdt.focal');
    const res = await focal.get(`/api/reports/agencies/${t.org.agencyIds.get('BDT')}/analysis.docx?year=2019`);
    expect(res.status).toBe(200);
    const file = path.join(work, 'bdt-2019.docx');
    fs.writeFileSync(file, res.raw);
    const txt = fs.readFileSync(await convert(file, 'txt:Text (encoded):UTF8', 'txt'), 'utf8');
    expect(txt).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(txt).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(txt).toContain('BÁO CÁO');
    expect(txt).toMatch(/Xếp hạng 20\/20 sở, ban, ngành năm 2019, giảm 9 bậc/);
    expect(txt).toContain('Chỉ số CCHC: 63,09%');
    expect(txt).toContain('Xếp hạng: 20/20');
    expect(txt).toMatch(/3\.4\.1\s+Tỷ lệ hồ sơ TTHC giải quyết đúng hạn/);
    expect(txt).toContain('Nơi nhận:');
    const pdf = pdfInfo(await convert(file, 'pdf', 'pdf'));
    expect(pdf.pages).toBeGreaterThanOrEqual(3);
    expect(pdf.landscape).toBe(false);
  }, 300_000);

  it('opens the results annex: 20 rows with the published indices, ranks and ▲/▼ changes as CSV; A4 landscape as PDF', async () => {
    requireSoffice();
    const [pub, res] = await Promise.all([
      (await t.as()).get('/api/public/QNAM/results/2019?group=SO'),
      (await t.as('secretariat')).get(`/api/reports/province/annex.xlsx?year=2019&groupId=${t.org.groupIds.SO}`),
    ]);
    expect(res.status).toBe(200);
    const file = path.join(work, 'annex-2019.xlsx');
    fs.writeFileSync(file, res.raw);
    const rows = parseCsv(fs.readFileSync(await convert(file, 'csv:Text - txt - csv (StarCalc):44,34,76,1', 'csv'), 'utf8'));
    expect(rows[0]![0]).toBe('Phụ lục');
    const fields = pub.body.results.fields.length as number;
    const data = rows.filter((r) => /^\d+$/.test(r[0]!.trim()));
    expect(data).toHaveLength(20);
    const published = new Map((pub.body.results.agencies as { nameVi: string; totalIndex: string; rank: number; rankChange: number | null }[]).map((a) => [a.nameVi, a]));
    data.forEach((r, i) => {
      expect(num(r[0]!)).toBe(i + 1);
      const p = published.get(r[1]!)!;
      expect(p, r[1]).toBeDefined();
      expect(num(r[2 + fields + 1]!)).toBe(Number(p.totalIndex));
      expect(num(r[2 + fields + 2]!)).toBe(p.rank);
    });
    const bdt = data.find((r) => r[1] === 'Ban Dân tộc')!;
    expect(bdt[0]).toBe('20');
    expect(num(bdt[2 + fields + 1]!)).toBe(63.09);
    expect(bdt[2 + fields + 4]).toBe('▼9');
    const pdf = pdfInfo(await convert(file, 'pdf', 'pdf'));
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    expect(pdf.landscape).toBe(true);
  }, 300_000);

  it('opens a table export: numbers as numbers and formula-like text left inert', async () => {
    requireSoffice();
    const res = await (await t.as('bdt.focal')).post('/api/exports/table.xlsx', {
      title: 'Bảng thử',
      columns: [
        { key: 'name', title: 'Tên', type: 'text' },
        { key: 'points', title: 'Điểm', type: 'number', decimals: 2 },
        { key: 'rank', title: 'Hạng', type: 'integer' },
      ],
      rows: [
        { name: '=1+2', points: 61.83, rank: 20 },
        { name: '@SUM(1;2)', points: '66.57', rank: 18 },
        { name: '+5', points: 1, rank: 1 },
      ],
    });
    expect(res.status).toBe(200);
    const file = path.join(work, 'table.xlsx');
    fs.writeFileSync(file, res.raw);
    const rows = parseCsv(fs.readFileSync(await convert(file, 'csv:Text - txt - csv (StarCalc):44,34,76,1', 'csv'), 'utf8'));
    const header = rows.findIndex((r) => r[0] === 'Tên');
    expect(header).toBeGreaterThan(0);
    expect(rows[header + 1]![0]).toBe("'=1+2");
    expect(num(rows[header + 1]![1]!)).toBe(61.83);
    expect(num(rows[header + 1]![2]!)).toBe(20);
    expect(rows[header + 2]![0]).toBe("'@SUM(1;2)");
    expect(rows[header + 3]![0]).toBe("'+5");
  }, 300_000);
});
