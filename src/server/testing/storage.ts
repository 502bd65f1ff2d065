import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { type FileStorage, LocalStorage, type S3Settings } from '../lib/storage';
import { S3Storage } from '../lib/storage-s3';

/** S3 settings for a new, empty bucket on the run's local S3 endpoint (s3rver, started by s3-setup.ts). */
export async function createTestBucket(): Promise<S3Settings> {
  const settings: S3Settings = {
    bucket: `parindex-${crypto.randomBytes(6).toString('hex')}`,
    endpoint: inject('s3Endpoint'),
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.accessKeyId!, secretAccessKey: settings.secretAccessKey! },
  });
  await client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
  client.destroy();
  return settings;
}

/** The two storage backends tests run against. */
export type StorageKind = 'local' | 's3';

/** An empty storage of the given kind: a temporary folder, or a new bucket on the local S3 endpoint. */
export async function createTestStorage(kind: StorageKind): Promise<FileStorage> {
  if (kind === 's3') return new S3Storage(await createTestBucket());
  return new LocalStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-uploads-')));
}

/** Every key in a storage. */
export async function storedKeys(storage: FileStorage, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  for await (const e of storage.list(prefix)) keys.push(e.key);
  return keys.sort();
}
