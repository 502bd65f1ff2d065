import v8 from 'node:v8';
import vm from 'node:vm';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPREADSHEET_LIMITS, UPLOAD_LIMITS } from '../../core/schemas/limits';
import { createTestContext, type TestClient, type TestContext } from '../testing/app';
import { inspectXlsx, rangeArea } from './xlsx-inspect';

// Hostile spreadsheets (issue 9 part 2): each bomb is built here, byte by byte where ExcelJS could not write it,
// sent over HTTP to a real import route, and must be refused with the 4xx naming its limit in under a second,
// while /api/health, asked over and over during the import, answers each time in under 100 ms.
//
// Both bounds are the issue's, scaled by how loaded this machine is in this run: before each import, `load` is the
// larger of the slowest of 11 idle /api/health calls divided by 20 ms (an idle one takes a few ms on a quiet
// machine) and the wall time over the CPU time of 30 ms of computing (how much of a core this process gets), at
// least 1. On a quiet machine the bounds are exactly 1 s and 100 ms; a parse on the request thread (the defect: 3-6 s
// for a million rows) fails them either way.

let t: TestContext;
let focal: TestClient;
let sec: TestClient;
let admin: TestClient;
let base = '';
let load = 1;
const planImport = () => `/api/agencies/${t.fixture.agencies.bdt}/tasks/import`;

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** Wall time over CPU time of 30 ms of computing: 1 when this process has a core to itself, more when it shares. */
function cpuShare(): number {
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 100_000; i++) x = (x * 31 + i) | 0;
    const cpu = process.cpuUsage(cpu0);
    if (cpu.user + cpu.system >= 30_000) return (performance.now() - wall0) / ((cpu.user + cpu.system) / 1000) + (x & 0);
  }
}

async function healthTime(): Promise<number> {
  const t0 = performance.now();
  const h = await fetch(`${base}/api/health`);
  await h.arrayBuffer();
  expect(h.status).toBe(200);
  return performance.now() - t0;
}

beforeAll(async () => {
  t = await createTestContext();
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
  [focal, sec, admin] = await Promise.all([t.as('focalBdt'), t.as('secretariat'), t.as('admin')]);
  // Warm up (connections, compiled code, one refused import), then measure idle health checks.
  await inspectXlsx(sheetXlsx(SHEET_HEAD + rowsXml(1, 2000) + SHEET_TAIL));
  const warm = await send(focal, planImport(), multipart(sheetXlsx(`${SHEET_HEAD}<row r="1048576"/>${SHEET_TAIL}`), 'w.xlsx'));
  expect(warm.status).toBe(413);
  for (let i = 0; i < 5; i++) await healthTime();
}, 60_000);
afterAll(async () => t.close());

// ---- a zip writer that can lie -------------------------------------------------------------------------------

interface ZipEntry {
  name: string;
  /** Raw deflate data (or the stored bytes when `stored`). */
  data: Buffer;
  /** The uncompressed size written in the headers. */
  size: number;
  crc?: number;
  stored?: boolean;
}

function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const method = e.stored ? 0 : 8;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(e.crc ?? 0, 14);
    lh.writeUInt32LE(e.data.length, 18);
    lh.writeUInt32LE(e.size, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(e.crc ?? 0, 16);
    ch.writeUInt32LE(e.data.length, 20);
    ch.writeUInt32LE(e.size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, e.data);
    central.push(ch, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const deflated = (name: string, text: string | Buffer): ZipEntry => {
  const raw = typeof text === 'string' ? Buffer.from(text) : text;
  return { name, data: zlib.deflateRawSync(raw), size: raw.length, crc: zlib.crc32(raw) };
};

/**
 * A deflate stream of `head`, then `block` `times` over, then `tail`, built from independently flushed pieces:
 * ten million rows cost one compressed block repeated, not a gigabyte compressed in the test.
 */
function repeatedDeflate(head: string, block: string, times: number, tail: string): { data: Buffer; size: number } {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const h = zlib.deflateRawSync(Buffer.from(head), flush);
  const b = zlib.deflateRawSync(Buffer.from(block), flush);
  const tl = zlib.deflateRawSync(Buffer.from(tail));
  const parts: Buffer[] = [h];
  for (let i = 0; i < times; i++) parts.push(b);
  parts.push(tl);
  return { data: Buffer.concat(parts), size: Buffer.byteLength(head) + Buffer.byteLength(block) * times + Buffer.byteLength(tail) };
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';

/** The parts every workbook needs around its sheet (and shared strings when given). */
function workbookParts(sharedStrings = false): ZipEntry[] {
  return [
    deflated(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>${sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    ),
    deflated(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    deflated(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Ke hoach" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    deflated(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${sharedStrings ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ''}</Relationships>`,
    ),
  ];
}

const sheetXlsx = (sheetXml: string, extra: ZipEntry[] = []) =>
  zip([...workbookParts(extra.some((e) => e.name === 'xl/sharedStrings.xml')), deflated('xl/worksheets/sheet1.xml', sheetXml), ...extra]);

function rowsXml(from: number, to: number): string {
  const out: string[] = [];
  for (let r = from; r <= to; r++)
    out.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>Nhiệm vụ ${r}</t></is></c></row>`);
  return out.join('');
}

// ---- sending and timing -------------------------------------------------------------------------------------

const BOUNDARY = '----hostileboundary';
function multipart(content: Buffer, filename: string, fields: Record<string, string> = {}): { payload: Buffer; headers: Record<string, string> } {
  return {
    payload: Buffer.concat([
      ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

/** Sends over real HTTP (the server listens): a socket delivers a body in chunks, as in production. */
async function send(client: TestClient, url: string, body: { payload: Buffer; headers: Record<string, string> }) {
  const res = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { ...body.headers, cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': client.csrf },
    body: new Uint8Array(body.payload),
  });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

/**
 * Sends the file to an import route and, until it is answered, asks /api/health again and again: returns the
 * reply, how long the import took and the slowest health answer.
 */
async function importWhileProbing(client: TestClient, url: string, file: Buffer, filename = 'ke-hoach.xlsx') {
  // The test's own garbage (the bombs it just built) is collected now, not while health is being timed.
  collectGarbage();
  let slowestIdle = 0;
  for (let i = 0; i < 11; i++) slowestIdle = Math.max(slowestIdle, await healthTime());
  load = Math.max(1, slowestIdle / 20, cpuShare());
  let done = false;
  const started = performance.now();
  const importing = send(client, url, multipart(file, filename)).finally(() => {
    done = true;
  });
  const healthTimes: number[] = [];
  const probing = (async () => {
    while (!done) {
      healthTimes.push(await healthTime());
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const reply = await importing;
  const elapsed = performance.now() - started;
  await probing;
  return { reply, elapsed, slowestHealth: Math.max(0, ...healthTimes), probes: healthTimes.length };
}


async function expectRefused(file: Buffer, status: number, code: string, limit?: string) {
  const { reply, elapsed, slowestHealth } = await importWhileProbing(focal, planImport(), file);
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body.error.code).toBe(code);
  if (limit) expect(reply.body.error.details).toMatchObject({ limit });
  expect(elapsed).toBeLessThan(1000 * load);
  expect(slowestHealth).toBeLessThan(100 * load);
  return reply;
}

// ---- the bombs ----------------------------------------------------------------------------------------------

describe('hostile spreadsheets are refused before they are parsed', () => {
  it('the reported file: a sheet that inflates to ten million rows (sizes declared honestly)', async () => {
    const sheet = repeatedDeflate(SHEET_HEAD, '<row><c><v>1</v></c></row>'.repeat(10_000), 1000, SHEET_TAIL);
    const file = zip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', ...sheet }]);
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const reply = await expectRefused(file, 413, 'spreadsheet_too_large', 'uncompressedBytes');
    expect(reply.body.error.details.max).toBe(SPREADSHEET_LIMITS.uncompressedBytes);
    expect(reply.body.error.message).toBe('Bảng tính sau khi giải nén quá lớn (tối đa 128 MiB).');
  });

  it('the same file declaring small sizes: the inflated bytes are counted, not trusted', async () => {
    const sheet = repeatedDeflate(SHEET_HEAD, '<row><c><v>1</v></c></row>'.repeat(10_000), 1000, SHEET_TAIL);
    const file = zip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: sheet.data, size: 900_000 }]);
    await expectRefused(file, 415, 'unsupported_media_type');
  });

  it('a zip entry with a huge compression ratio', async () => {
    const zeros = Buffer.alloc(60 * 1024 * 1024, 0x20);
    const file = zip([...workbookParts(), deflated('xl/worksheets/sheet1.xml', SHEET_HEAD + SHEET_TAIL), { name: 'xl/media/image1.png', data: zlib.deflateRawSync(zeros), size: zeros.length }]);
    const reply = await expectRefused(file, 413, 'spreadsheet_too_large', 'compressionRatio');
    expect(reply.body.error.details.found).toBeGreaterThan(SPREADSHEET_LIMITS.compressionRatio);
  });

  it('too many rows, counted as the sheet streams by; and one row numbered a million', async () => {
    const many = sheetXlsx(SHEET_HEAD + rowsXml(1, 60_000) + SHEET_TAIL);
    const reply = await expectRefused(many, 413, 'spreadsheet_too_large', 'rows');
    expect(reply.body.error.details).toMatchObject({ max: SPREADSHEET_LIMITS.rows, found: SPREADSHEET_LIMITS.rows + 1 });
    const far = sheetXlsx(`${SHEET_HEAD}<row r="1048576"><c r="A1048576"><v>1</v></c></row>${SHEET_TAIL}`);
    const r2 = await expectRefused(far, 413, 'spreadsheet_too_large', 'rows');
    expect(r2.body.error.details.found).toBe(1_048_576);
  });

  it('too many columns, by count and by a far cell reference', async () => {
    const cells = Array.from({ length: 300 }, (_, i) => `<c><v>${i}</v></c>`).join('');
    await expectRefused(sheetXlsx(`${SHEET_HEAD}<row>${cells}</row>${SHEET_TAIL}`), 413, 'spreadsheet_too_large', 'columns');
    await expectRefused(sheetXlsx(`${SHEET_HEAD}<row r="1"><c r="XFD1"><v>1</v></c></row>${SHEET_TAIL}`), 413, 'spreadsheet_too_large', 'columns');
  });

  it('too many cells, merged ranges counted by their area (the parser would create each cell)', async () => {
    const file = sheetXlsx(`${SHEET_HEAD}<row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:IV50000"/></mergeCells></worksheet>`);
    await expectRefused(file, 413, 'spreadsheet_too_large', 'cells');
  });

  it('too many shared strings', async () => {
    // Written straight into one buffer: a million strings in the test's own heap would be collected mid-measure.
    const xml = Buffer.alloc(40 * (SPREADSHEET_LIMITS.sharedStrings + 1) + 200);
    let at = xml.write(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">`);
    for (let i = 0; i <= SPREADSHEET_LIMITS.sharedStrings; i++) at += xml.write(`<si><t>${i.toString(36)}</t></si>`, at);
    at += xml.write('</sst>', at);
    const sst = deflated('xl/sharedStrings.xml', xml.subarray(0, at));
    const file = sheetXlsx(`${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`, [sst]);
    expect(file.length).toBeLessThan(UPLOAD_LIMITS.import);
    await expectRefused(file, 413, 'spreadsheet_too_large', 'sharedStrings');
  });

  it('XML nested a hundred thousand levels deep', async () => {
    const deep = `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is>${'<r>'.repeat(100_000)}${'</r>'.repeat(100_000)}</is></c></row>${SHEET_TAIL}`;
    const reply = await expectRefused(sheetXlsx(deep), 413, 'spreadsheet_too_large', 'xmlDepth');
    expect(reply.body.error.details.max).toBe(SPREADSHEET_LIMITS.xmlDepth);
  });

  it('entity expansion (a DOCTYPE) and too many zip entries', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    await expectRefused(sheetXlsx(laughs), 415, 'unsupported_media_type');
    const entries = Array.from({ length: SPREADSHEET_LIMITS.zipEntries + 1 }, (_, i) => deflated(`xl/media/x${i}.bin`, 'x'));
    await expectRefused(zip([...workbookParts(), ...entries]), 413, 'spreadsheet_too_large', 'zipEntries');
  });

  it('a CSV of millions of rows: over the upload size, or (under it) not a workbook', async () => {
    const huge = Buffer.from('a;b\n'.repeat(2_000_000));
    const big = await expectRefused(huge, 413, 'payload_too_large', 'uploadBytes');
    expect(big.body.error.details.max).toBe(UPLOAD_LIMITS.import);
    await expectRefused(Buffer.from('a;b\n'.repeat(1_000_000)), 415, 'unsupported_media_type');
  });

  it('an evidence upload over UPLOAD_MAX_BYTES names its limit too', async () => {
    const fields = { title: 'Báo cáo', docNumber: '1/BC', issuedOn: '2026-03-01', issuer: 'Ban Dân tộc' };
    const res = await focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, multipart(Buffer.alloc(21 * 1024 * 1024, 0x25), 'big.pdf', fields));
    expect(res.status).toBe(413);
    expect(res.body.error.details).toEqual({ limit: 'uploadBytes', max: 20 * 1024 * 1024 });
  });

  it('the other import routes inspect too: agencies, users, survey points, history, frameworks', async () => {
    const far = sheetXlsx(`${SHEET_HEAD}<row r="1048576"><c r="A1048576"><v>1</v></c></row>${SHEET_TAIL}`);
    const routes: [TestClient, string, Record<string, string>?][] = [
      [admin, '/api/agencies/import'],
      [admin, '/api/users/import'],
      [sec, `/api/periods/${t.fixture.periodId}/survey-points/import`],
      [sec, '/api/history/import'],
      [sec, '/api/frameworks/import', { year: '2027', groupId: String(t.fixture.groups.departments) }],
    ];
    for (const [client, url, fields] of routes) {
      const res = await send(client, url, multipart(far, 'x.xlsx', fields));
      expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(413);
      expect(res.body.error.details).toMatchObject({ limit: 'rows' });
    }
  });
});

describe('legal workbooks', () => {
  it('a big but legal workbook is parsed in the worker while the server keeps answering', async () => {
    // Written as XML, not with ExcelJS: its garbage in this process would be collected while health is timed.
    const header = ['Số thứ tự', 'Loại kế hoạch', 'Năm kế hoạch', 'Nhiệm vụ', 'Nội dung, yêu cầu', 'Mã tiêu chí', 'Phòng chủ trì', 'Phòng phối hợp', 'Hạn hoàn thành'];
    const line = (r: number, values: string[]) =>
      `<row r="${r}">${values.map((v, i) => `<c r="${'ABCDEFGHI'[i]}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
    const rows = [line(1, header)];
    for (let r = 2; r <= 20_000; r++) rows.push(line(r, [`I.${r}`, 'Kế hoạch CCHC', '2026', `Nhiệm vụ số ${r}`, 'Nội dung', '', 'VP', '', '31/12/2026']));
    const file = sheetXlsx(SHEET_HEAD + rows.join('') + SHEET_TAIL);
    const { reply, slowestHealth, probes } = await importWhileProbing(focal, planImport(), file);
    // Parsed in full (the worker answered), then refused by the plan's own rule: at most 1,000 lines per import.
    expect(reply.status, JSON.stringify(reply.body)).toBe(422);
    expect(reply.body.error.code).toBe('import_failed');
    expect(probes).toBeGreaterThan(3);
    expect(slowestHealth).toBeLessThan(100 * load);
  });

  it('a legal plan still imports', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ke hoach');
    ws.addRow(['Số thứ tự', 'Loại kế hoạch', 'Năm kế hoạch', 'Nhiệm vụ', 'Nội dung, yêu cầu', 'Mã tiêu chí', 'Phòng chủ trì', 'Phòng phối hợp', 'Hạn hoàn thành']);
    ws.addRow(['H.1', 'Kế hoạch CCHC', 2026, 'Tuyên truyền CCHC', { richText: [{ text: 'Ít nhất ' }, { text: '12 tin' }] }, '', 'VP', '', '30/06/2026']);
    ws.addRow(['H.2', 'Kiểm soát TTHC', 2026, { text: 'Rà soát TTHC', hyperlink: 'https://example.org' }, '', '', 'VP', '', '']);
    ws.mergeCells('J1:K2');
    const file = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const res = await send(focal, planImport(), multipart(file, 'ke-hoach.xlsx'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ created: 2, rows: 2 });
    const list = await focal.get(`/api/agencies/${t.fixture.agencies.bdt}/tasks?q=Tuyên truyền CCHC`);
    expect(list.body.items[0]).toMatchObject({ planRef: 'H.1', description: 'Ít nhất 12 tin' });
    expect((await focal.get(`/api/agencies/${t.fixture.agencies.bdt}/tasks?q=Rà soát TTHC`)).body.items[0]).toMatchObject({ planRef: 'H.2' });
  });
});

describe('the inspection itself', () => {
  it('counts a real workbook without refusing it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('A');
    for (let i = 1; i <= 100; i++) ws.addRow([i, `x${i}`, i % 2 === 0]);
    const stats = await inspectXlsx(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(stats.sheets).toEqual([{ name: 'xl/worksheets/sheet1.xml', rows: 100, columns: 3 }]);
    expect(stats.cells).toBe(300);
    expect(stats.maxDepth).toBeLessThan(SPREADSHEET_LIMITS.xmlDepth);
  });

  it('measures ranges by their area', () => {
    expect(rangeArea('A1')).toBe(1);
    expect(rangeArea('A1:C10')).toBe(30);
    expect(rangeArea('$B$2:$A$1 D4')).toBe(5);
    expect(rangeArea('A:A')).toBe(1_048_576);
    expect(rangeArea('3:4')).toBe(2 * 16_384);
  });
});
