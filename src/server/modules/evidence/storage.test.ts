import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageKeyFor } from '../../lib/storage';
import { createTestContext, type TestClient, type TestContext } from '../../testing/app';
import { createTestStorage, type StorageKind, storedKeys } from '../../testing/storage';

const BOUNDARY = '----parindexstorage';
function multipart(content: Buffer, filename: string): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBáo cáo\r\n`),
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n'), crypto.randomBytes(size)]);

describe.each<StorageKind>(['local', 's3'])('evidence files in %s storage', (kind) => {
  let t: TestContext;
  let focal: TestClient;
  const upload = (content: Buffer, filename = 'bao-cao.pdf') =>
    focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, {
      payload: multipart(content, filename),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });

  beforeAll(async () => {
    t = await createTestContext({ storage: await createTestStorage(kind) });
    focal = await t.as('focalBdt');
  });
  afterAll(async () => t.close());

  it('stores an upload under its SHA-256 (once for identical bytes) and streams it back to an authorised user only', async () => {
    // 12 MB: past the S3 multipart part size, so the upload streams in parts.
    const content = pdf(12 * 1024 * 1024);
    const sha = crypto.createHash('sha256').update(content).digest('hex');
    const first = await upload(content);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ sha256: sha, sizeBytes: content.length });
    const again = await upload(content, 'ban-sao.pdf');
    expect(again.status).toBe(201);
    expect(await storedKeys(t.storage)).toEqual([storageKeyFor(sha)]);
    const res = await focal.get(`/api/evidence/${first.body.id}/file?download=1`);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(content.length));
    expect(res.raw.equals(content)).toBe(true);
    expect((await (await t.as('focalStp')).get(`/api/evidence/${first.body.id}/file`)).status).toBe(403);
  }, 120_000);

  it('refuses a file over the size limit or of the wrong type, storing nothing', async () => {
    const before = await storedKeys(t.storage);
    expect((await upload(pdf(21 * 1024 * 1024))).status).toBe(413);
    expect((await upload(Buffer.from('MZ this is an executable'), 'x.pdf')).status).toBe(415);
    expect(await storedKeys(t.storage)).toEqual(before);
  }, 120_000);

  it('answers file_missing (503), not a 500, when the stored content is gone', async () => {
    // The fixture's evidence row points at content that was never stored.
    const res = await focal.get(`/api/evidence/${t.fixture.evidenceId}/file`);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('file_missing');
  }, 120_000);

  it('refuses content that does not match the SHA-256 it is stored under', async () => {
    const content = Buffer.from('genuine');
    const wrong = crypto.createHash('sha256').update('other').digest('hex');
    const { Readable } = await import('node:stream');
    await expect(t.storage.putStream(storageKeyFor(wrong), Readable.from([content]), { sha256: wrong })).rejects.toThrow(/refused: SHA-256/);
    expect(await t.storage.exists(storageKeyFor(wrong))).toBe(false);
  }, 120_000);
});
