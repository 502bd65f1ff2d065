import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFrameworks } from '../../seed/demo-frameworks';
import { createTestContext, type TestClient, type TestContext } from '../../testing/app';

let t: TestContext;
let sec: TestClient;
const ref2019 = demoFrameworks().find((f) => f.groupCode === 'SO' && f.year === 2019)!.framework;
const ref2020 = demoFrameworks().find((f) => f.groupCode === 'SO' && f.year === 2020)!.framework;

beforeAll(async () => {
  t = await createTestContext();
  sec = await t.as('secretariat');
});
afterAll(async () => t.close());

const BOUNDARY = '----fwtest';
function multipart(file: Buffer, fields: Record<string, string>, filename = 'framework.xlsx') {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file, Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

async function createDraft(year = 2019, nodes = ref2019.nodes) {
  const res = await sec.post('/api/frameworks', {
    year,
    groupId: t.fixture.groups.departments,
    nameVi: `Bộ tiêu chí sở năm ${year}`,
    bonusCap: '2',
    deductionCap: '5',
    nodes,
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('framework lifecycle', () => {
  it('creates a draft with a document, totals and no problems for a valid tree', async () => {
    const fw = await createDraft();
    expect(fw).toMatchObject({ status: 'draft', revision: 1, year: 2019, groupCode: 'SO' });
    expect(fw.totals).toMatchObject({ declaredTotal: '100', regularMax: '100', fieldCount: 8 });
    expect(fw.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
    expect(fw.document.nodes.length).toBe(ref2019.nodes.length);
    expect(fw.abilities).toMatchObject({ update: true, publish: true, delete: true, newRevision: false });
  });

  it('reports sums that do not add up, refuses to publish until fixed, then publishes', async () => {
    const fw = await createDraft(2021);
    const broken = fw.document.nodes.map((n: { code: string; maxPoints: string }) => (n.code === '1.1.1' ? { ...n, maxPoints: '1.5' } : n));
    const saved = await sec.put(`/api/frameworks/${fw.id}`, { ...fw.document, version: fw.version, nodes: broken });
    expect(saved.status).toBe(200);
    const codes = saved.body.problems.map((p: { code: string; nodeCode?: string }) => `${p.code}@${p.nodeCode ?? ''}`);
    expect(codes).toEqual(expect.arrayContaining(['children_sum_mismatch@1.1']));
    const refused = await sec.post(`/api/frameworks/${fw.id}/publish`, { version: saved.body.version });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('invalid_state');
    expect(refused.body.error.details.problems.length).toBeGreaterThan(0);
    const fixed = await sec.put(`/api/frameworks/${fw.id}`, { ...fw.document, version: saved.body.version });
    const published = await sec.post(`/api/frameworks/${fw.id}/publish`, { version: fixed.body.version });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.abilities).toMatchObject({ update: false, publish: false, newRevision: true });
  });

  it('keeps a published framework immutable; edits go to a new revision', async () => {
    const fw = await createDraft(2022);
    await sec.post(`/api/frameworks/${fw.id}/publish`, { version: fw.version });
    const edit = await sec.put(`/api/frameworks/${fw.id}`, { ...fw.document, nameVi: 'Đổi tên', version: fw.version + 1 });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('immutable');
    const rev = await sec.post(`/api/frameworks/${fw.id}/revisions`);
    expect(rev.status).toBe(201);
    expect(rev.body).toMatchObject({ status: 'draft', revision: 2, year: 2022, clonedFromId: fw.id });
    const del = await sec.delete(`/api/frameworks/${fw.id}`);
    expect(del.status).toBe(409);
  });

  it('refuses a stale save with conflict', async () => {
    const fw = await createDraft(2023);
    const first = await sec.put(`/api/frameworks/${fw.id}`, { ...fw.document, nameVi: 'Lần 1', version: fw.version });
    expect(first.status).toBe(200);
    const stale = await sec.put(`/api/frameworks/${fw.id}`, { ...fw.document, nameVi: 'Lần 2', version: fw.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await sec.get(`/api/frameworks/${fw.id}`)).body.nameVi).toBe('Lần 1');
  });

  it('clones last year into a new year and shows exactly what changed', async () => {
    const last = await createDraft(2024);
    const clone = await sec.post(`/api/frameworks/${last.id}/clone`, { year: 2025, groupId: t.fixture.groups.departments });
    expect(clone.status).toBe(201);
    expect(clone.body.year).toBe(2025);
    const edited = await sec.put(`/api/frameworks/${clone.body.id}`, { ...clone.body.document, nodes: ref2020.nodes, version: clone.body.version });
    expect(edited.status).toBe(200);
    const diff = await sec.get(`/api/frameworks/${clone.body.id}/diff?against=${last.id}`);
    expect(diff.status).toBe(200);
    expect(diff.body.added.map((n: { code: string }) => n.code)).toEqual(['7.5', '7.5.1']);
    expect(diff.body.renamed.map((n: { code: string }) => n.code)).toEqual(['7']);
    expect(diff.body.changed.map((c: { code: string; changes: string[] }) => `${c.code}:${c.changes.join('+')}`)).toEqual(['7.3:maxPoints', '7.3.1:maxPoints+method']);
    expect(diff.body.from.id).toBe(last.id);
  });

  it('lets only the secretariat change frameworks and hides drafts from agencies', async () => {
    const fw = await createDraft(2032);
    const focal = await t.as('focalBdt');
    expect((await focal.get(`/api/frameworks/${fw.id}`)).status).toBe(403);
    const list = await focal.get('/api/frameworks?year=2032');
    expect(list.body.items).toEqual([]);
    expect(list.body.abilities.create).toBe(false);
    const create = await focal.post('/api/frameworks', { year: 2032, groupId: t.fixture.groups.departments, nameVi: 'x' });
    expect(create.status).toBe(403);
    await sec.post(`/api/frameworks/${fw.id}/publish`, { version: fw.version });
    expect((await focal.get(`/api/frameworks/${fw.id}`)).status).toBe(200);
    const other = await t.as('otherAdmin');
    expect((await other.get(`/api/frameworks/${fw.id}`)).status).toBe(404);
  });
});

describe('framework import and export', () => {
  it('exports .xlsx in the provinces’ layout and imports it back to the same document', async () => {
    const fw = await createDraft(2027);
    const file = await sec.get(`/api/frameworks/${fw.id}/export.xlsx`);
    expect(file.status).toBe(200);
    expect(String(file.headers['content-disposition'])).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Bộ tiêu chí')!;
    expect(ws.getRow(1).getCell(1).value).toBe('STT/Mã');
    expect(ws.getRow(1).getCell(2).value).toBe('Nội dung');
    expect(ws.getRow(2).getCell(1).value).toBe('1');
    const imported = await sec.request('POST', '/api/frameworks/import', undefined, multipart(file.raw, { year: '2027', groupId: String(t.fixture.groups.departments) }));
    expect(imported.status).toBe(201);
    expect(imported.body.revision).toBe(2);
    expect(imported.body.document).toEqual(fw.document);
  });

  it('exports formula-like texts with a leading quote and imports them back unchanged', async () => {
    const leaf = ref2019.nodes.findIndex((n) => 'method' in n && n.method);
    const nodes = ref2019.nodes.map((n, i) =>
      i === 0 ? { ...n, nameVi: `=${n.nameVi}; -1`, nameEn: '+x,@y' } : i === leaf ? { ...n, guidanceVi: '- Có văn bản: đạt\n- Không: 0', guidanceEn: "'=1" } : n,
    );
    const fw = await createDraft(2031, nodes);
    expect(fw.document.nodes[leaf]).toMatchObject({ guidanceVi: '- Có văn bản: đạt\n- Không: 0', guidanceEn: "'=1" });
    const file = await sec.get(`/api/frameworks/${fw.id}/export.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Bộ tiêu chí')!;
    expect(ws.getRow(2).getCell(2).value).toBe(`'${nodes[0]!.nameVi}`);
    expect(ws.getRow(2).getCell(3).value).toBe("'+x,'@y");
    const imported = await sec.request('POST', '/api/frameworks/import', undefined, multipart(file.raw, { year: '2031', groupId: String(t.fixture.groups.departments) }));
    expect(imported.status).toBe(201);
    expect(imported.body.document).toEqual(fw.document);
  });

  it('exports JSON and imports it back', async () => {
    const fw = await createDraft(2028);
    const json = await sec.get(`/api/frameworks/${fw.id}/export.json`);
    const imported = await sec.request('POST', '/api/frameworks/import', undefined, multipart(json.raw, { year: '2028', groupId: String(t.fixture.groups.districts) }, 'f.json'));
    expect(imported.status).toBe(201);
    expect(imported.body.groupCode).toBe('HUYEN');
    expect(imported.body.document.nodes).toEqual(fw.document.nodes);
  });

  it('reports every problem of a sheet with row and column and stores nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Bộ tiêu chí');
    ws.addRow(['STT/Mã', 'Nội dung', 'Điểm tối đa', 'Phương pháp chấm', 'Cấu hình chấm điểm']);
    ws.addRow(['1', 'Lĩnh vực 1', 10, '', '']);
    ws.addRow(['1.1', 'Tiêu chí A', 4, 'magic', '']);
    ws.addRow(['1.1', 'Trùng mã', 4, 'yes_no', '']);
    ws.addRow(['1.2', 'Tiêu chí B', 'nhiều', 'manual', 'step=0.25']);
    const buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const before = (await sec.get('/api/frameworks?year=2029')).body.items.length;
    const res = await sec.request('POST', '/api/frameworks/import', undefined, multipart(buf, { year: '2029', groupId: String(t.fixture.groups.departments) }));
    expect(res.status).toBe(422);
    const where = res.body.error.details.problems.map((p: { row: number; column: string | null }) => `${p.row}:${(p.column ?? '').split(' ')[0]}`);
    expect(where).toEqual(expect.arrayContaining(['3:D', '4:A', '5:C']));
    expect((await sec.get('/api/frameworks?year=2029')).body.items.length).toBe(before);
  });

  it('rejects a file that is neither .xlsx nor JSON', async () => {
    const res = await sec.request('POST', '/api/frameworks/import', undefined, multipart(Buffer.from('%PDF-1.7'), { year: '2030', groupId: String(t.fixture.groups.departments) }));
    expect(res.status).toBe(415);
  });
});
