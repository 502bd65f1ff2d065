import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencies, agencyGroups, provinces } from '../../db/schema/index';
import { createDemoContext, type DemoContext, TestClient } from '../../testing/app';
import { CHANGE_FORMAT, wrappedLines } from './annex';
import { docxText, entryText, readZip } from './zip.test-support';

let t: DemoContext;
let otherAgencyId = 0;
beforeAll(async () => {
  t = await createDemoContext();
  // Another province with one agency: its id must look like any unknown id to this province's users.
  const [p] = await t.database.db.insert(provinces).values({ code: 'QNG', nameVi: 'Tỉnh Quảng Ngãi', nameEn: 'Quảng Ngãi Province' }).returning();
  const [g] = await t.database.db.insert(agencyGroups).values({ provinceId: p!.id, code: 'SO', nameVi: 'Sở', nameEn: 'Departments' }).returning();
  const [a] = await t.database.db.insert(agencies).values({ provinceId: p!.id, groupId: g!.id, code: 'SNV', nameVi: 'Sở Nội vụ', nameEn: 'Home Affairs', activeFromYear: 2015 }).returning();
  otherAgencyId = a!.id;
}, 180_000);
afterAll(async () => t?.close());

const bdt = () => t.org.agencyIds.get('BDT')!;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function loadXlsx(raw: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  return wb;
}

describe('agency analysis report (.docx)', () => {
  it('writes Ban Dân tộc 2019 in the administrative layout: heading, title, the sentence, tables, two charts, page numbers', async () => {
    const focal = await t.as('bdt.focal');
    const res = await focal.get(`/api/reports/agencies/${bdt()}/analysis.docx?year=2019`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX);
    expect(String(res.headers['content-disposition'])).toMatch(/attachment; filename=".*\.docx"; filename\*=UTF-8''/);
    const zip = readZip(res.raw);
    const xml = entryText(zip, 'word/document.xml');
    const text = docxText(xml);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('UBND TỈNH QUẢNG NAM');
    expect(text).toContain('BAN DÂN TỘC');
    expect(text).toMatch(/Số:\s+\/BC-BDT/);
    expect(text).toMatch(/Quảng Nam, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Phân tích kết quả Chỉ số cải cách hành chính năm 2019');
    expect(text).toContain('Căn cứ Quyết định số 978/QĐ-UBND');
    expect(text).toMatch(/Xếp hạng 20\/20 sở, ban, ngành năm 2019, giảm 9 bậc/);
    expect(text).toContain('63,09%');
    for (const s of ['I. KẾT QUẢ CHUNG', 'II. CHỈ SỐ THÀNH PHẦN', 'III. ĐIỂM BỊ MẤT', 'IV. CÁC TIÊU CHÍ', 'V. ĐIỀU KIỆN ĐỂ NÂNG THỨ HẠNG', 'VI. ĐỘ VỮNG', 'VII. XU HƯỚNG', 'VIII. ĐỀ XUẤT']) expect(text).toContain(s);
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('TRƯỞNG BAN');
    expect(text).toContain('3.4.1');
    // Layout: A4 portrait, ND 30 margins, Times New Roman, page number field in a header, not on page 1.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:left="1701"/);
    expect(xml).toContain('<w:titlePg/>');
    const styles = entryText(zip, 'word/styles.xml');
    expect(styles).toContain('Times New Roman');
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
    const headers = [...zip.keys()].filter((k) => /^word\/header\d+\.xml$/.test(k)).map((k) => entryText(zip, k));
    expect(headers.some((h) => /PAGE/.test(h))).toBe(true);
    // Two chart images (waterfall and trend), PNG.
    const media = [...zip.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    for (const m of media) expect(zip.get(m)!.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Tables repeat their header row on each page.
    expect(xml).toContain('<w:tblHeader/>');
  });

  it('writes the English variant with lang=en (or the request language), and defaults to the latest published year', async () => {
    const sec = await t.as('secretariat');
    const en = await sec.get(`/api/reports/agencies/${bdt()}/analysis.docx?lang=en`);
    expect(en.status).toBe(200);
    const text = docxText(entryText(readZip(en.raw), 'word/document.xml'));
    expect(text).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect(text).toContain('Analysis of the 2019 Public Administration Reform (PAR) Index results');
    expect(text).toMatch(/Ranked 20th of 20 .* in 2019, down 9 places/);
    expect(text).toContain('63.09%');
    expect(text).toContain('HEAD');
    sec.lang = 'en';
    const byHeader = await sec.get(`/api/reports/agencies/${bdt()}/analysis.docx?year=2019`);
    expect(docxText(entryText(readZip(byHeader.raw), 'word/document.xml'))).toContain('SOCIALIST REPUBLIC OF VIET NAM');
    expect(String(byHeader.headers['content-disposition'])).toContain('PAR_Index_analysis_2019_-_BDT.docx');
  });

  it('refuses unknown agencies, other provinces, unpublished years and bad input; requires a session', async () => {
    const focal = await t.as('bdt.focal');
    const unknown = await focal.get('/api/reports/agencies/999999/analysis.docx?year=2019');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('Không tìm thấy cơ quan');
    focal.lang = 'en';
    const unknownEn = await focal.get('/api/reports/agencies/999999/analysis.docx?year=2019');
    expect(unknownEn.body.error.message).toContain('No agency with id 999999');
    const other = await focal.get(`/api/reports/agencies/${otherAgencyId}/analysis.docx?year=2019`);
    expect(other.status).toBe(404);
    expect(other.body.error.message).toBe(unknownEn.body.error.message.replace('999999', String(otherAgencyId)));
    const unpublished = await focal.get(`/api/reports/agencies/${bdt()}/analysis.docx?year=2020`);
    expect(unpublished.status).toBe(404);
    expect(unpublished.body.error.message).toContain('2020');
    focal.lang = 'vi';
    const unpublishedVi = await focal.get(`/api/reports/agencies/${bdt()}/analysis.docx?year=2020`);
    expect(unpublishedVi.body.error.message).toMatch(/Chưa công bố kết quả năm 2020/);
    expect((await focal.get(`/api/reports/agencies/${bdt()}/analysis.docx?year=19`)).status).toBe(400);
    expect((await focal.get(`/api/reports/agencies/${bdt()}/analysis.docx?lang=fr`)).status).toBe(400);
    expect((await focal.get('/api/reports/agencies/abc/analysis.docx')).status).toBe(400);
    expect((await new TestClient(t.app).get(`/api/reports/agencies/${bdt()}/analysis.docx?year=2019`)).status).toBe(401);
  });

  it('lets any signed-in user of the province have any agency’s report (published results are public)', async () => {
    const stp = await t.as('stp.focal');
    const res = await stp.get(`/api/reports/agencies/${bdt()}/analysis.docx?year=2019`);
    expect(res.status).toBe(200);
  });
});

describe('province results annex (.xlsx)', () => {
  it('lays out one group like a decision annex: title block, one row per agency with numbers as numbers, print setup', async () => {
    const [pub, res] = await Promise.all([
      (await t.as()).get('/api/public/QNAM/results/2019?group=SO'),
      (await t.as('bdt.focal')).get(`/api/reports/province/annex.xlsx?year=2019&groupId=${t.org.groupIds.SO}`),
    ]);
    expect(pub.status).toBe(200);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const wb = await loadXlsx(res.raw);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toBe('Phụ lục');
    expect(String(ws.getCell('A2').value)).toBe('KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2019 CỦA CÁC SỞ, BAN, NGÀNH');
    expect(String(ws.getCell('A3').value)).toMatch(/^\(Kèm theo Quyết định số 978\/QĐ-UBND( ngày \d{2}\/\d{2}\/\d{4})? của Ủy ban nhân dân tỉnh Quảng Nam\)$/);
    expect(ws.getCell('A5').value).toBe('STT');
    expect(ws.getCell('C5').value).toBe('Chỉ số thành phần (%)');
    const fields = pub.body.results.fields as { code: string }[];
    const nCols = 2 + fields.length + 5;
    expect(String(ws.getCell(6, 3).value)).toMatch(/^1\. /);
    // 20 agency rows in rank order, numbers stored as numbers.
    const rows = pub.body.results.agencies as { nameVi: string; rank: number; rankChange: number | null; totalIndex: string; totalPoints: string; components: { code: string; index: string | null }[] }[];
    expect(rows).toHaveLength(20);
    const byName = new Map(rows.map((r) => [r.nameVi, r]));
    for (let i = 0; i < 20; i++) {
      const r = ws.getRow(7 + i);
      expect(r.getCell(1).value).toBe(i + 1);
      const p = byName.get(String(r.getCell(2).value))!;
      expect(p).toBeDefined();
      expect(r.getCell(nCols - 3).value).toBe(Number(p.totalIndex));
      expect(r.getCell(nCols - 4).value).toBe(Number(p.totalPoints));
      expect(r.getCell(nCols - 2).value).toBe(p.rank);
      expect(r.getCell(nCols - 3).numFmt).toBe('0.00');
      fields.forEach((f, k) => {
        const c = p.components.find((x) => x.code === f.code)?.index ?? null;
        expect(r.getCell(3 + k).value).toBe(c === null ? null : Number(c));
      });
    }
    // Long names wrap inside their cell, in a row tall enough for their lines (never over the next row).
    const agencyWidth = ws.getColumn(2).width!;
    let tallRows = 0;
    for (let i = 0; i < 20; i++) {
      const r = ws.getRow(7 + i);
      expect(r.getCell(2).alignment?.wrapText).toBe(true);
      const lines = wrappedLines(String(r.getCell(2).value), agencyWidth);
      expect(r.height).toBeGreaterThanOrEqual(lines * 15);
      if (lines > 1) tallRows++;
    }
    expect(tallRows).toBeGreaterThan(0);
    const last = ws.getRow(26);
    expect(last.getCell(2).value).toBe('Ban Dân tộc');
    expect(last.getCell(nCols - 2).value).toBe(20);
    expect(last.getCell(nCols).value).toBe(-9);
    expect(last.getCell(nCols).numFmt).toBe(CHANGE_FORMAT);
    expect(typeof last.getCell(nCols - 3).value).toBe('number');
    // Print: A4 landscape, fit to one page wide, header rows repeated, frozen header, page numbers in the footer.
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    const zip = readZip(res.raw);
    expect(entryText(zip, 'xl/workbook.xml')).toMatch(/_xlnm\.Print_Titles[^>]*>&apos;Sở, ban, ngành&apos;!\$5:\$6</);
    expect(entryText(zip, 'xl/worksheets/sheet1.xml')).toMatch(/<oddFooter>[^<]*&amp;P[^<]*&amp;N/);
  });

  it('writes one sheet per published group without groupId, for the secretariat and agency users alike', async () => {
    const idx = await (await t.as()).get('/api/public/QNAM/results');
    const y2019 = (idx.body.years as { year: number; groups: { code: string; agencyCount: number }[] }[]).find((y) => y.year === 2019)!;
    const res = await (await t.as('secretariat')).get('/api/reports/province/annex.xlsx?year=2019');
    expect(res.status).toBe(200);
    const wb = await loadXlsx(res.raw);
    expect(wb.worksheets).toHaveLength(y2019.groups.length);
    if (y2019.groups.length > 1) expect(String(wb.worksheets[1]!.getCell('A1').value)).toBe('Phụ lục II');
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
    wb.worksheets.forEach((w, i) => {
      let n = 0;
      w.eachRow((row, r) => {
        if (r >= 7 && typeof row.getCell(1).value === 'number') n++;
      });
      expect(n).toBe(y2019.groups[i]!.agencyCount);
    });
  });

  it('writes the English annex and refuses unpublished years, unknown groups and bad input', async () => {
    const sec = await t.as('secretariat');
    const en = await sec.get(`/api/reports/province/annex.xlsx?year=2019&groupId=${t.org.groupIds.SO}&lang=en`);
    const ws = (await loadXlsx(en.raw)).worksheets[0]!;
    expect(String(ws.getCell('A2').value)).toMatch(/^2019 PAR INDEX RESULTS OF /);
    expect(ws.getCell('B5').value).toBe('Agency');
    const none = await sec.get('/api/reports/province/annex.xlsx?year=2030');
    expect(none.status).toBe(404);
    expect(none.body.error.message).toContain('2030');
    expect(none.body.error.message).toContain('2019');
    sec.lang = 'en';
    expect((await sec.get('/api/reports/province/annex.xlsx?year=2030')).body.error.message).toMatch(/No PAR Index results published for 2030/);
    const group = await sec.get('/api/reports/province/annex.xlsx?year=2019&groupId=999999');
    expect(group.status).toBe(404);
    expect(group.body.error.message).toContain('999999');
    expect((await sec.get('/api/reports/province/annex.xlsx?year=abc')).status).toBe(400);
    expect((await sec.get('/api/reports/province/annex.xlsx')).status).toBe(400);
    expect((await new TestClient(t.app).get('/api/reports/province/annex.xlsx?year=2019')).status).toBe(401);
  });
});

describe('table export (.xlsx)', () => {
  const columns = [
    { key: 'name', title: 'Cơ quan', type: 'text' },
    { key: 'points', title: 'Điểm', type: 'number', decimals: 2 },
    { key: 'index', title: 'Chỉ số', type: 'percent' },
    { key: 'rank', title: 'Hạng', type: 'integer' },
  ];

  it('writes typed cells under a title, with a frozen, filtered header row', async () => {
    const focal = await t.as('bdt.focal');
    const res = await focal.post('/api/exports/table.xlsx', {
      title: 'Kết quả: sở/ban "2019"',
      subtitle: 'Nhóm: Sở, ban, ngành',
      columns,
      rows: [
        { name: 'Ban Dân tộc', points: 61.83, index: 63.09, rank: 20 },
        { name: 'Sở Nội vụ', points: '66.57', index: '66.57', rank: '18', extra: 'ignored' },
        { name: null, points: 'n/a', index: null, rank: true },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('Kết quả sở ban 2019.xlsx'));
    const ws = (await loadXlsx(res.raw)).worksheets[0]!;
    expect(ws.name).toBe('Kết quả sở ban "2019"');
    expect(ws.getCell('A1').value).toBe('Kết quả: sở/ban "2019"');
    expect(ws.getCell('A2').value).toBe('Nhóm: Sở, ban, ngành');
    expect(ws.getRow(5).values).toEqual([undefined, 'Cơ quan', 'Điểm', 'Chỉ số', 'Hạng']);
    expect(ws.getCell('B6').value).toBe(61.83);
    expect(ws.getCell('B6').numFmt).toBe('#,##0.00');
    expect(ws.getCell('C6').value).toBeCloseTo(0.6309, 10);
    expect(ws.getCell('C6').numFmt).toBe('0.00%');
    expect(ws.getCell('D6').value).toBe(20);
    expect(ws.getCell('B7').value).toBe(66.57);
    expect(ws.getCell('D7').value).toBe(18);
    expect(ws.getCell('A8').value).toBe(null);
    expect(ws.getCell('B8').value).toBe('n/a');
    expect(ws.getCell('D8').value).toBe('Có');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
    expect(entryText(readZip(res.raw), 'xl/worksheets/sheet1.xml')).toContain('<autoFilter ref="A5:D5"');
  });

  it('stores text that looks like a formula as text, never as a formula, with a leading quote (decision 0013)', async () => {
    const hostile = ['=1+2', '+SUM(A1:A2)', '-2+3', '@SUM(1)', '=HYPERLINK("http://evil.example","x")', '\t=1', 'cmd|\' /C calc\'!A0', 'a;=1'];
    const written = ["'=1+2", "'+SUM(A1:A2)", "'-2+3", "'@SUM(1)", '\'=HYPERLINK("http://evil.example","x")', "'\t'=1", 'cmd|\' /C calc\'!A0', "a;'=1"];
    const res = await (await t.as('bdt.focal')).post('/api/exports/table.xlsx', {
      title: '=cmd',
      columns: [
        { key: 'v', title: '=TITLE()', type: 'text' },
        { key: 'n', title: 'n', type: 'number' },
      ],
      rows: hostile.map((v) => ({ v, n: v })),
    });
    expect(res.status).toBe(200);
    const sheet = entryText(readZip(res.raw), 'xl/worksheets/sheet1.xml');
    expect(sheet).not.toMatch(/<f[\s>]/);
    const ws = (await loadXlsx(res.raw)).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe("'=cmd");
    expect(ws.getCell('A4').value).toBe("'=TITLE()");
    written.forEach((v, i) => {
      for (const c of ['A', 'B']) {
        const cell = ws.getCell(`${c}${5 + i}`);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.value).toBe(v);
        expect(cell.numFmt).toBe('@');
      }
    });
  });

  it('refuses oversized and malformed tables: 400 for counts and shapes, 413 for bytes and cells', async () => {
    const focal = await t.as('bdt.focal');
    const base = { title: 'T', columns: [{ key: 'a', title: 'A', type: 'text' }] };
    const expect400 = async (body: unknown, path: RegExp) => {
      const res = await focal.post('/api/exports/table.xlsx', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields.some((f: { path: string }) => path.test(f.path))).toBe(true);
    };
    await expect400({ ...base, columns: Array.from({ length: 101 }, (_, i) => ({ key: `c${i}`, title: 'x', type: 'text' })), rows: [] }, /^columns$/);
    await expect400({ ...base, rows: Array.from({ length: 50_001 }, () => ({})) }, /^rows$/);
    await expect400({ ...base, rows: [{ a: 'x'.repeat(2001) }] }, /^rows\.0\.a$/);
    await expect400({ ...base, rows: [{ a: { formula: '1+1' } }] }, /^rows\.0\.a$/);
    // A control character is refused by the sanitiser at the edge, before the schema (decision 0012).
    const bell = await focal.post('/api/exports/table.xlsx', { ...base, rows: [{ a: 'bell\u0007' }] });
    expect([bell.status, bell.body.error.code, bell.body.error.fields[0].path]).toEqual([400, 'invalid_text', 'rows.0.a']);
    await expect400({ ...base, columns: [...base.columns, { key: 'a', title: 'B', type: 'text' }], rows: [] }, /^columns\.1\.key$/);
    await expect400({ ...base, columns: [{ key: 'a', title: 'A', type: 'date' }], rows: [] }, /^columns\.0\.type$/);
    await expect400({ title: '', columns: base.columns, rows: [] }, /^title$/);
    // More than 20 MiB of JSON: refused before parsing.
    const big = await focal.request('POST', '/api/exports/table.xlsx', undefined, {
      payload: JSON.stringify({ ...base, rows: Array.from({ length: 12_000 }, () => ({ a: 'x'.repeat(1990) })) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    // Within the byte limit but more than a million cells.
    const wide = Array.from({ length: 60 }, (_, i) => ({ key: `c${i}`, title: `C${i}`, type: 'text' }));
    const cells = await focal.post('/api/exports/table.xlsx', { title: 'T', columns: wide, rows: Array.from({ length: 20_000 }, () => ({})) });
    expect(cells.status).toBe(413);
    expect(cells.body.error.message).toContain('1.000.000');
  });

  it('needs a session and the CSRF token', async () => {
    const body = { title: 'T', columns: [{ key: 'a', title: 'A' }], rows: [{ a: 1 }] };
    expect((await new TestClient(t.app).post('/api/exports/table.xlsx', body)).status).toBe(401);
    const focal = await t.as('bdt.focal');
    const res = await focal.post('/api/exports/table.xlsx', body, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_invalid');
    expect((await focal.post('/api/exports/table.xlsx', body)).status).toBe(200);
  });
});
