/**
 * Exports that cannot run formulas (issue 9 part 7, decision 0013). Hostile text goes in through the API as a user
 * or an anonymous respondent would put it (agency names, task titles and descriptions, a survey's free-text answer,
 * the rows of a table export); the real exports are downloaded and opened with LibreOffice headless:
 *
 * 1. every .xlsx holds no formula (`<f>`) and no hyperlink, and each hostile text is stored with its leading quote;
 * 2. LibreOffice saves each .xlsx as CSV with `,` and with `;` between fields: the texts read back neutralised;
 * 3. those CSV files and the CSV export are opened again with LibreOffice, formulas evaluated, with the separator
 *    they were written with and with the other one (a CSV opened in another locale): no cell holds a formula.
 *
 * Skipped, with the reason in the test name, only when `soffice` is missing outside CI; in CI it fails then.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip } from './modules/reports/zip.test-support';
import { createTestContext, type TestClient, type TestContext } from './testing/app';
import { convertWithLibreOffice, csvFilter, LIBREOFFICE_INSTALL, parseCsv, requireSoffice, SKIP_LIBREOFFICE, SOFFICE } from './testing/libreoffice';

const HOSTILE = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '=1+1', '\t=1', 'a;=1', 'a,=1'];

/**
 * How each stored text must read in every export: a quote before every place a formula would start. Single-line
 * texts are trimmed on input, so `\t=1` is stored (and shown) as `=1` there.
 */
const SHOWN: Record<string, string> = {
  '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
  '+1+1': "'+1+1",
  '-2+3': "'-2+3",
  '@SUM(A1)': "'@SUM(A1)",
  '=1+1': "'=1+1",
  '\t=1': "'\t'=1",
  '=1': "'=1",
  'a;=1': "a;'=1",
  'a,=1': "a,'=1",
};

let t: TestContext;
let work = '';
/** The downloaded exports by file name, and the texts each must hold (as stored by the API). */
const files = new Map<string, { bytes: Buffer; texts: Set<string> }>();

/** Every cell text of a CSV document. */
const cellsOfCsv = (file: string, separator: ',' | ';') => parseCsv(fs.readFileSync(file, 'utf8').replace(/^\ufeff/, ''), separator).flat();

/** Every string cell of every sheet of an .xlsx, and whether any part holds a formula or a hyperlink. */
async function inspectXlsx(bytes: Buffer) {
  const parts = [...readZip(bytes)].filter(([name]) => /\.(xml|rels)$/.test(name)).map(([, b]) => b.toString('utf8'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const texts: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && texts.push(cell.value)))));
  return {
    texts,
    formulas: parts.filter((x) => /<f[\s>]/.test(x)).length,
    links: parts.filter((x) => /<hyperlink[\s>]|\/relationships\/hyperlink"/.test(x)).length,
  };
}

/** Each stored text appears neutralised, and no hostile text appears as it was put in. */
function expectNeutralised(cells: string[], texts: Set<string>, where: string) {
  for (const v of texts) expect(cells, `${where}: ${JSON.stringify(v)}`).toContain(SHOWN[v]);
  for (const v of Object.keys(SHOWN)) expect(cells, `${where}: raw ${JSON.stringify(v)}`).not.toContain(v);
}

/** Creates one item per hostile text with `post`; returns the texts as stored (a 400 is accepted only for a text with a control character). */
async function putEach(label: string, post: (v: string, i: number) => Promise<{ status: number; body: any }>, stored: (body: any, v: string) => string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const [i, v] of HOSTILE.entries()) {
    const res = await post(v, i);
    if (res.status === 400 && /[\t\r]/.test(v)) continue;
    expect(res.status, `${label} ${JSON.stringify(v)}: ${JSON.stringify(res.body)}`).toBe(201);
    for (const s of stored(res.body, v)) out.add(s);
  }
  return out;
}

async function download(client: TestClient, url: string, name: string, texts: Set<string>) {
  const res = await client.get(url);
  expect(res.status, url).toBe(200);
  files.set(name, { bytes: res.raw, texts });
}

describe.skipIf(SKIP_LIBREOFFICE)(SKIP_LIBREOFFICE ? `Exports opened in LibreOffice — SKIPPED: soffice not found (${LIBREOFFICE_INSTALL})` : 'Exports opened in LibreOffice run no formula', () => {
  beforeAll(async () => {
    if (!SOFFICE) return;
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-formulas-'));
    t = await createTestContext();
    const [admin, sec, focal, anon] = await Promise.all([t.as('admin'), t.as('secretariat'), t.as('focalBdt'), t.as()]);

    // Agency names (the administrator's agency list) → the agency export.
    const agencies = await putEach(
      'agency',
      (v, i) => admin.post('/api/agencies', { code: `HX${i + 1}`, nameVi: v, nameEn: v, groupId: t.fixture.groups.departments, activeFromYear: 2018 }),
      (b) => [b.nameVi],
    );
    await download(admin, '/api/agencies/export.xlsx', 'agencies.xlsx', agencies);

    // Task titles and descriptions (an agency focal point) → the task export.
    const tasks = await putEach('task', (v) => focal.post(`/api/agencies/${t.fixture.agencies.bdt}/tasks`, { title: v, description: v }), (b) => [b.title, b.description]);
    await download(focal, `/api/agencies/${t.fixture.agencies.bdt}/tasks/export.xlsx`, 'tasks.xlsx', tasks);

    // A survey's free-text answer (an anonymous respondent) → the raw responses as .xlsx and .csv.
    const created = await sec.post('/api/surveys', {
      periodId: t.fixture.periodId,
      code: 'PX',
      titleVi: 'Phiếu thử',
      content: {
        introVi: '',
        introEn: '',
        respondentGroups: [{ code: 'DN', nameVi: 'Người dân, doanh nghiệp', nameEn: 'Citizens and businesses' }],
        ratedAgencyIds: [t.fixture.agencies.bdt],
        sections: [
          {
            code: 'S1',
            titleVi: 'Góp ý',
            titleEn: 'Comments',
            questions: [
              { code: 'Q1', type: 'single', textVi: 'Hài lòng?', textEn: 'Satisfied?', required: true, perAgency: true, leafCodes: [], options: [{ code: 'A', labelVi: 'Có', labelEn: 'Yes', weight: '1' }, { code: 'B', labelVi: 'Không', labelEn: 'No', weight: '0' }] },
              { code: 'Q2', type: 'text', textVi: 'Góp ý khác', textEn: 'Other comments', required: false, perAgency: false, leafCodes: [], options: [] },
            ],
          },
        ],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const qid = created.body.id as number;
    const published = await sec.post(`/api/surveys/${qid}/status`, { status: 'published', version: created.body.version });
    expect(published.status).toBe(200);
    const batch = await sec.post(`/api/surveys/${qid}/batches`, { respondentGroup: 'DN', size: HOSTILE.length, label: 'Thử' });
    expect(batch.status).toBe(201);
    const codes = (await t.database.query<{ code: string }>('select code from survey_codes where batch_id = $1 order by id', [batch.body.id])).map((c) => c.code);
    const answers = await putEach(
      'survey answer',
      (v, i) =>
        anon.post(
          `/api/public/surveys/${created.body.publicToken}/responses`,
          { code: codes[i], idempotencyKey: `formula-test-key-${String(i).padStart(4, '0')}`, answers: [{ questionCode: 'Q1', agencyId: t.fixture.agencies.bdt, optionCode: 'A' }, { questionCode: 'Q2', text: v }] },
          { csrf: false },
        ),
      // The service stores the answer trimmed (core/domain/survey-answers.ts).
      (_, v) => [v.trim()],
    );
    await download(sec, `/api/surveys/${qid}/responses.xlsx`, 'responses.xlsx', answers);
    await download(sec, `/api/surveys/${qid}/responses.csv`, 'responses-export.csv', answers);

    // The rows of an on-screen table → the generic table export.
    const table = await focal.post('/api/exports/table.xlsx', {
      title: '=1+1',
      columns: [
        { key: 'v', title: 'Văn bản', type: 'text' },
        { key: 'n', title: 'Số', type: 'number' },
      ],
      rows: HOSTILE.map((v, i) => ({ v, n: -(i + 1) })),
    });
    expect(table.status).toBe(200);
    files.set('table.xlsx', { bytes: table.raw, texts: new Set([...HOSTILE, '=1+1']) });

    for (const [name, f] of files) fs.writeFileSync(path.join(work, name), f.bytes);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const xlsxNames = () => [...files.keys()].filter((n) => n.endsWith('.xlsx'));

  /** Each .xlsx export saved by LibreOffice as CSV with "," and with ";" (once; the CSV a user would save and open again). */
  let saving: Promise<{ name: string; sep: ',' | ';'; file: string }[]> | null = null;
  const savedAsCsv = () =>
    (saving ??= (async () => {
      const inputs = xlsxNames().map((n) => path.join(work, n));
      const saved: { name: string; sep: ',' | ';'; file: string }[] = [];
      for (const sep of [',', ';'] as const) {
        const outs = await convertWithLibreOffice(work, inputs, `csv:Text - txt - csv (StarCalc):${csvFilter(sep)}`, 'csv', path.join(work, `csv-${sep.charCodeAt(0)}`));
        outs.forEach((out, i) => {
          const file = path.join(work, `${path.basename(xlsxNames()[i]!, '.xlsx')}-saved-${sep === ',' ? 'comma' : 'semicolon'}.csv`);
          fs.copyFileSync(out, file);
          saved.push({ name: xlsxNames()[i]!, sep, file });
        });
      }
      return saved;
    })());

  it('has LibreOffice installed (CI installs it in .ci/run)', () => {
    requireSoffice();
  });

  it('writes every hostile text into the .xlsx exports as text with a leading quote, with no formula and no link', async () => {
    requireSoffice();
    expect(xlsxNames().sort()).toEqual(['agencies.xlsx', 'responses.xlsx', 'table.xlsx', 'tasks.xlsx']);
    for (const name of xlsxNames()) {
      const f = files.get(name)!;
      expect(f.texts.size, name).toBeGreaterThanOrEqual(HOSTILE.length - 1);
      const { texts, formulas, links } = await inspectXlsx(f.bytes);
      expect(formulas, `${name}: <f> elements`).toBe(0);
      expect(links, `${name}: hyperlinks`).toBe(0);
      expectNeutralised(texts, f.texts, name);
    }
  });

  it('writes the CSV export with one separator, quoted, with a BOM, every hostile text neutralised', () => {
    requireSoffice();
    const { bytes, texts } = files.get('responses-export.csv')!;
    const csv = bytes.toString('utf8');
    expect(csv.startsWith('\ufeff"STT phiếu","Nhóm đối tượng"')).toBe(true);
    expectNeutralised(parseCsv(csv.slice(1), ',').flat(), texts, 'responses-export.csv');
  });

  it('reads back neutralised when LibreOffice saves each .xlsx as CSV with "," and with ";"', async () => {
    requireSoffice();
    const saved = await savedAsCsv();
    expect(saved).toHaveLength(2 * xlsxNames().length);
    for (const { name, sep, file } of saved) expectNeutralised(cellsOfCsv(file, sep), files.get(name)!.texts, `${name} as CSV with "${sep}"`);
  }, 300_000);

  it('evaluates no formula when the CSV files are opened again, with the separator they were written with or the other one', async () => {
    requireSoffice();
    await savedAsCsv();
    const csvs = fs.readdirSync(work).filter((n) => n.endsWith('.csv'));
    expect(csvs).toHaveLength(1 + 2 * xlsxNames().length);
    const opened: { name: string; sep: ',' | ';'; texts: string[]; formulas: number; links: number }[] = [];
    for (const sep of [',', ';'] as const) {
      // Token 13 of the CSV import filter: evaluate formulas, as a user opening the file would.
      const outs = await convertWithLibreOffice(work, csvs.map((n) => path.join(work, n)), 'xlsx:Calc MS Excel 2007 XML', 'xlsx', path.join(work, `reopened-${sep.charCodeAt(0)}`), `CSV:${csvFilter(sep)},,,,,,,,,true`);
      for (const [i, out] of outs.entries()) opened.push({ name: csvs[i]!, sep, ...(await inspectXlsx(fs.readFileSync(out))) });
    }
    expect(opened.filter((o) => o.formulas > 0 || o.links > 0).map((o) => `${o.name} opened with "${o.sep}"`)).toEqual([]);
    for (const o of opened) {
      const written = o.name.includes('semicolon') ? ';' : ',';
      if (written !== o.sep) continue;
      const source = o.name === 'responses-export.csv' ? o.name : `${o.name.replace(/-saved-.*$/, '')}.xlsx`;
      expectNeutralised(o.texts, files.get(source)!.texts, `${o.name} opened with "${o.sep}"`);
    }
  }, 300_000);
});
