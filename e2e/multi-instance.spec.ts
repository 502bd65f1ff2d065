/**
 * Several instances (issue 10): three server processes (the production bundle) on one PostgreSQL database,
 * started together on an empty database (the demo is seeded once), behind a small round-robin proxy written
 * here (it gives each request to the next instance, and tries the next one when an instance refuses the
 * connection, as the Caddyfile in deploy/ does). Through the proxy: log in on one instance, upload evidence on a
 * second, download it from the third; publish a period from two instances at once (one wins, the other gets a
 * clear 4xx); kill one instance with SIGKILL under survey load, and every acknowledged response is stored once.
 *
 * Files: the three instances share one S3 endpoint (s3rver started here, as MinIO is in compose.yaml) and nothing
 * else: each has its own DATA_DIR, as three machines would.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SERVER, startServer, type ServerProcess } from '../bench/lib/server-process';
import { DEMO_PASSWORD } from '../src/server/seed/demo';
import { makeDemoPdf } from '../src/server/seed/demo-pdf';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A round-robin HTTP proxy over `backends` (ports); answers carry `x-backend` (the index that served them). */
function roundRobinProxy(backends: () => number[]): Promise<{ port: number; close(): Promise<void> }> {
  let next = 0;
  const forward = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse, tries: number) => {
    const ports = backends();
    const index = next++ % ports.length;
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: ports[index],
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1', 'x-forwarded-proto': 'http', 'content-length': String(body.length) },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, { ...up.headers, 'x-backend': String(index) });
        up.pipe(res);
      },
    );
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      // Refused: nothing reached the instance, so the request can go to the next one. Anything else is a 502.
      if (err.code === 'ECONNREFUSED' && tries < ports.length) return forward(req, body, res, tries + 1);
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    });
    upstream.end(body);
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, Buffer.concat(chunks), res, 1));
  });
  server.keepAliveTimeout = 1000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as { port: number }).port,
        close: () => {
          server.closeAllConnections();
          return new Promise<void>((r) => server.close(() => r()));
        },
      }),
    ),
  );
}

/** A user session through the proxy: cookies kept, the CSRF header sent on writes. */
class Session {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}
  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; backend: number; json: any; raw: Buffer }> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf) h['x-csrf-token'] = this.csrf;
    let payload: Blob | string | undefined;
    if (Buffer.isBuffer(body)) payload = new Blob([new Uint8Array(body)]);
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.base}${url}`, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      if (v) this.cookies.set(k!, v);
      else this.cookies.delete(k!);
    }
    const raw = Buffer.from(await res.arrayBuffer());
    const json = String(res.headers.get('content-type') ?? '').includes('json') && raw.length ? JSON.parse(raw.toString()) : null;
    return { status: res.status, backend: Number(res.headers.get('x-backend')), json, raw };
  }
  async login(username: string): Promise<number> {
    this.csrf = (await this.request('GET', '/api/auth/csrf')).json.csrfToken;
    const res = await this.request('POST', '/api/auth/login', { username, password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    this.csrf = res.json.csrfToken;
    return res.backend;
  }
}

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }): { body: Buffer; type: string } {
  const boundary = `----pi${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

describe('three instances on one PostgreSQL database behind a round-robin proxy', () => {
  const dbName = `parindex_multi_${crypto.randomBytes(4).toString('hex')}`;
  const dbUrl = (() => {
    const u = new URL(PG_URL);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-multi-'));
  const servers: (ServerProcess | null)[] = [];
  let proxy: { port: number; close(): Promise<void> };
  let base: string;
  let db: pg.Client;
  let s3: S3rver;

  beforeAll(async () => {
    s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(tmp, 's3'), configureBuckets: [{ name: 'parindex', configs: [] }] });
    const s3Address = (await s3.run()) as { address: string; port: number };
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database "${dbName}"`);
    await admin.end();
    // Started together on the empty database: migrations and the demo seed take turns under one lock.
    const started = await Promise.all(
      [0, 1, 2].map((i) =>
        startServer(APP_SERVER, {
          DATABASE_URL: dbUrl,
          DATA_DIR: path.join(tmp, `data-${i}`),
          S3_BUCKET: 'parindex',
          S3_ENDPOINT: `http://127.0.0.1:${s3Address.port}`,
          S3_ACCESS_KEY_ID: 'S3RVER',
          S3_SECRET_ACCESS_KEY: 'S3RVER',
          S3_FORCE_PATH_STYLE: 'true',
          HOST: '127.0.0.1',
          PORT: '0',
          SEED_DEMO: 'true',
          NODE_ENV: 'production',
          WEB_DIR: '.tmp/no-web',
          LOG_LEVEL: 'warn',
          TRUST_PROXY: '1',
          // One instance runs the background jobs; the others are web-only.
          RUN_JOBS: i === 0 ? 'true' : 'false',
          SURVEY_RATE_PER_IP: '1000000',
          SHUTDOWN_GRACE_MS: '2000',
        }),
      ),
    );
    servers.push(...started);
    proxy = await roundRobinProxy(() => servers.filter((s): s is ServerProcess => s !== null && s.child.exitCode === null && s.child.signalCode === null).map((s) => s.port));
    base = `http://127.0.0.1:${proxy.port}`;
    db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
  }, 240_000);

  afterAll(async () => {
    await db?.end().catch(() => undefined);
    await proxy?.close();
    for (const s of servers) await s?.stop();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
    await s3?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('seeded the demo once although three instances started on the empty database', async () => {
    expect((await db.query("select count(*)::int as n from provinces where kind = 'province'")).rows[0].n).toBe(1);
    expect(servers.filter((s) => /demo data seeded/.test(s!.output()))).toHaveLength(1);
    for (const s of servers) expect((await fetch(`http://127.0.0.1:${s!.port}/api/ready`)).status).toBe(200);
  });

  it('logs in through one instance, uploads evidence through a second and downloads it from the third', async () => {
    const focal = new Session(base);
    const loginBackend = await focal.login('bdt.focal');
    const agencyId = (await db.query("select id from agencies where code = 'BDT'")).rows[0].id as number;
    const pdf = makeDemoPdf(['Bao cao da may chu', crypto.randomBytes(8).toString('hex')]);
    const form = multipart({ title: 'Báo cáo thử nhiều máy chủ', docNumber: '7/BC-BDT', issuedOn: '2020-06-01', issuer: 'Ban Dân tộc' }, { name: 'bao-cao.pdf', content: pdf });
    const uploaded = await focal.request('POST', `/api/agencies/${agencyId}/evidence`, form.body, { 'content-type': form.type });
    expect(uploaded.status).toBe(201);
    const downloaded = await focal.request('GET', `/api/evidence/${uploaded.json.id}/file?download=1`);
    expect(downloaded.status).toBe(200);
    expect(downloaded.raw.equals(pdf)).toBe(true);
    expect(new Set([loginBackend, uploaded.backend, downloaded.backend]).size).toBe(3);
    // The content lives in the bucket, on no instance's disk.
    const sha = crypto.createHash('sha256').update(pdf).digest('hex');
    const under = (dir: string): string[] =>
      fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes(sha)) : [];
    expect(under(path.join(tmp, 's3', 'parindex')).length).toBeGreaterThan(0);
    for (const i of [0, 1, 2]) expect(under(path.join(tmp, `data-${i}`))).toEqual([]);
  });

  it('publishes a period from two instances at once: one wins, the other gets a clear 4xx', async () => {
    const sec = new Session(base);
    await sec.login('secretariat');
    const periodId = (await db.query("select id from periods where year = 2020 and phase = 'self_assessment'")).rows[0].id as number;
    // Through the proxy, each step on another instance: every instance sees what the previous one wrote.
    for (const to of ['appraisal1', 'explanation', 'appraisal2']) {
      const p = await sec.request('GET', `/api/periods/${periodId}`);
      const advanced = await sec.request('POST', `/api/periods/${periodId}/advance`, { to, version: p.json.version });
      expect([to, advanced.status]).toEqual([to, 200]);
    }
    const p = await sec.request('GET', `/api/periods/${periodId}`);
    const finalised = await sec.request('POST', `/api/periods/${periodId}/finalise`, { version: p.json.version, acknowledgeIncomplete: true });
    expect(finalised.status).toBe(200);
    // The same session, straight to two different instances, at the same moment.
    const publish = (port: number) =>
      new Session(`http://127.0.0.1:${port}`).request('POST', `/api/periods/${periodId}/publish`, { version: finalised.json.version, decisionNumber: '45/QĐ-UBND', decisionDate: '2021-04-01' }, {
        cookie: [...sec.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': sec.csrf,
      });
    const results = await Promise.all([publish(servers[1]!.port), publish(servers[2]!.port)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status !== 200)!;
    expect(['conflict', 'invalid_state']).toContain(loser.json.error.code);
    expect(loser.json.error.message).toBeTruthy();
    expect((await db.query('select count(*)::int as n from result_snapshots where period_id = $1', [periodId])).rows[0].n).toBe(1);
  });

  it('loses no acknowledged survey response when an instance is killed with SIGKILL under load', async () => {
    const { provinceId, periodId } = (await db.query("select province_id as \"provinceId\", id as \"periodId\" from periods where year = 2020")).rows[0];
    const agencies = (await db.query("select id from agencies where code in ('BDT', 'STP') order by code")).rows.map((r) => r.id as number);
    const token = crypto.randomBytes(12).toString('base64url');
    const content = {
      introVi: '',
      introEn: '',
      respondentGroups: [{ code: 'DN', nameVi: 'Người dân, doanh nghiệp', nameEn: '' }],
      ratedAgencyIds: agencies,
      sections: [
        {
          code: 'S1',
          titleVi: 'Phần 1',
          titleEn: '',
          questions: Array.from({ length: 5 }, (_, i) => ({
            code: `Q${i + 1}`,
            type: 'single',
            textVi: `Câu ${i + 1}`,
            textEn: '',
            required: true,
            perAgency: true,
            leafCodes: [],
            maxLength: 1000,
            options: ['A', 'B'].map((code, k) => ({ code, labelVi: code, labelEn: code, weight: ['1', '0'][k] })),
          })),
        },
      ],
    };
    await db.query(
      "insert into questionnaires (province_id, period_id, code, title_vi, status, open_link, public_token, content) values ($1, $2, 'MULTI', 'Phiếu thử nhiều máy chủ', 'published', 'on', $3, $4)",
      [provinceId, periodId, token, JSON.stringify(content)],
    );
    const send = async (key: string): Promise<number> => {
      try {
        const res = await fetch(`${base}/api/public/surveys/${token}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ idempotencyKey: key, answers: agencies.flatMap((agencyId) => Array.from({ length: 5 }, (_, i) => ({ questionCode: `Q${i + 1}`, agencyId, optionCode: 'AB'[i % 2] }))) }),
          signal: AbortSignal.timeout(5000),
        });
        await res.arrayBuffer();
        return res.status;
      } catch {
        return 0;
      }
    };
    const acknowledged = new Set<string>();
    const unanswered = new Set<string>();
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const key = `multi-${n++}-${crypto.randomBytes(6).toString('hex')}`;
        const status = await send(key);
        if (status === 201 || status === 200) acknowledged.add(key);
        else unanswered.add(key);
      }
    };
    const workers = Array.from({ length: 15 }, worker);
    await new Promise((r) => setTimeout(r, 2500));
    const victim = servers[2]!;
    victim.child.kill('SIGKILL');
    await new Promise((r) => victim.child.once('exit', r));
    servers[2] = null;
    // The load goes on over the two instances left.
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await Promise.all(workers);
    // Respondents without an answer send again with the same key; some were stored before the kill.
    for (const key of unanswered) {
      const status = await send(key);
      if (status === 201 || status === 200) acknowledged.add(key);
    }
    const rows = (
      await db.query<{ key: string; n: number }>(
        'select r.idempotency_key as key, count(*)::int as n from survey_responses r join questionnaires q on q.id = r.questionnaire_id where q.public_token = $1 group by 1',
        [token],
      )
    ).rows;
    console.info(`multi-instance survey load: ${acknowledged.size} acknowledged, ${unanswered.size} re-sent after the kill`);
    expect(acknowledged.size).toBeGreaterThan(20);
    const stored = new Map(rows.map((r) => [r.key, r.n]));
    expect([...acknowledged].filter((k) => stored.get(k) !== 1)).toEqual([]);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(rows.length).toBe(acknowledged.size);
  }, 120_000);
});
