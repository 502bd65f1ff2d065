import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import type { S3Settings } from './lib/storage';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** An IPv4/IPv6 address or a CIDR block (`10.0.0.0/8`, `fd00::/8`). */
function isAddressOrCidr(s: string): boolean {
  const [addr, bits, extra] = s.split('/');
  if (extra !== undefined || !addr) return false;
  const family = net.isIP(addr);
  if (!family) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/**
 * Which forwarders to believe about the client's address (X-Forwarded-For): a hop count (`1` = the proxy in front
 * of the server; `0` = none), a comma-separated list of proxy addresses or CIDR blocks, or `false` (none). `true`
 * believes any forwarder and lets every client forge its address: only for a server no client can reach directly.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((v, ctx): boolean | number | string[] => {
    const lower = v.toLowerCase();
    if (lower === 'true' || lower === 'yes') return true;
    if (lower === 'false' || lower === 'no' || lower === '') return false;
    if (/^\d{1,2}$/.test(v)) return Number(v);
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.filter((s) => !isAddressOrCidr(s));
    if (bad.length) {
      ctx.addIssue({ code: 'custom', message: `expected true, false, a hop count or proxy addresses/CIDRs; not an address: ${bad.join(', ')}` });
      return z.NEVER;
    }
    return list;
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** PostgreSQL connection string; when unset the embedded PGlite database in DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** At start, how long to keep retrying while PostgreSQL is unreachable before giving up (0: try once). */
  DATABASE_CONNECT_RETRY_MS: z.coerce.number().int().min(0).default(60_000),
  /** How long one connection attempt of the pool may take. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** PostgreSQL statement_timeout for the server's connections (0: none). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /** PostgreSQL idle_in_transaction_session_timeout for the server's connections (0: none). */
  DATABASE_IDLE_IN_TX_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /** Run the background jobs (email, reminders, deadline warnings, scheduled backups) in this instance. */
  RUN_JOBS: boolish.default(true),
  /** On SIGTERM/SIGINT: how long requests in flight may take to finish before their connections are closed. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** On SIGTERM/SIGINT: how long to keep serving while /api/ready answers 503, so load balancers move away first. */
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().min(0.1).max(24 * 30).default(12),
  /** PostgreSQL URL of the tables' owner: migrations run as it and grant DATABASE_URL's role its rights. */
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  /** Which forwarders to believe about the client's address: a hop count, proxy addresses/CIDRs, true or false. */
  TRUST_PROXY: trustProxy.default(false),
  /** Redis for the rate limits shared by every instance; in memory when unset. */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis key of this installation (several installations or tests may share one Redis). */
  REDIS_KEY_PREFIX: z.string().max(100).default('parindex:'),
  /** Login attempts per client address per minute (a flood guard; failed attempts also slow down per account). */
  LOGIN_RATE_PER_IP: z.coerce.number().int().min(1).max(1_000_000_000).default(60),
  /** Survey submissions per client address per minute. */
  SURVEY_RATE_PER_IP: z.coerce.number().int().min(1).max(1_000_000_000).default(60),
  /** Secure cookies: `auto` marks them Secure when the request came over https. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  PUBLIC_URL: z.string().url().optional(),
  /** Serve the built web app from this folder (default dist/web). */
  WEB_DIR: z.string().default('./dist/web'),
  UPLOAD_DIR: z.string().optional(),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('ParIndex <no-reply@parindex.local>'),
  /** Seed the demo province on first start when the database is empty. */
  SEED_DEMO: boolish.default(false),
  /** S3-compatible object storage for uploaded files (local disk in UPLOAD_DIR when S3_BUCKET is unset). */
  S3_BUCKET: z.string().min(3).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: boolish.default(false),
  /** Daily backups: a folder, or `s3` for the S3 bucket under backups/; unset means no scheduled backups. */
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(3650).default(7),
});

export type Env = z.infer<typeof envSchema>;

/** The names of every environment variable the server reads (README's "Running for real" table lists each). */
export const ENV_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  connectRetryMs: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  runJobs: boolean;
  shutdownGraceMs: number;
  shutdownDelayMs: number;
  logLevel: Env['LOG_LEVEL'];
  sessionTtlMs: number;
  databaseMigrationUrl: string | undefined;
  trustProxy: boolean | number | string[];
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  loginRatePerIp: number;
  surveyRatePerIp: number;
  cookieSecure: Env['COOKIE_SECURE'];
  publicUrl: string | undefined;
  webDir: string;
  uploadDir: string;
  uploadMaxBytes: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  seedDemo: boolean;
  /** Object storage settings, or null for the local upload folder. */
  s3: S3Settings | null;
  /** Where scheduled backups go (null: none), and how many to keep. */
  backup: { target: { kind: 'local'; dir: string } | { kind: 's3' }; keep: number } | null;
}

/** Parses the environment once; throws a readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.BACKUP_DIR === 's3' && !e.S3_BUCKET) throw new Error('Invalid configuration:\n  BACKUP_DIR: "s3" needs S3_BUCKET');
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    poolSize: e.DATABASE_POOL_SIZE,
    connectRetryMs: e.DATABASE_CONNECT_RETRY_MS,
    connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: e.DATABASE_IDLE_IN_TX_TIMEOUT_MS,
    runJobs: e.RUN_JOBS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    trustProxy: e.TRUST_PROXY,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    loginRatePerIp: e.LOGIN_RATE_PER_IP,
    surveyRatePerIp: e.SURVEY_RATE_PER_IP,
    cookieSecure: e.COOKIE_SECURE,
    publicUrl: e.PUBLIC_URL,
    webDir: path.resolve(e.WEB_DIR),
    uploadDir: path.resolve(e.UPLOAD_DIR ?? path.join(dataDir, 'uploads')),
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    seedDemo: e.SEED_DEMO,
    s3: e.S3_BUCKET
      ? {
          bucket: e.S3_BUCKET,
          endpoint: e.S3_ENDPOINT,
          region: e.S3_REGION,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : null,
    backup: e.BACKUP_DIR
      ? { target: e.BACKUP_DIR === 's3' ? { kind: 's3' } : { kind: 'local', dir: path.resolve(e.BACKUP_DIR) }, keep: e.BACKUP_KEEP }
      : null,
  };
}
