import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    s3Endpoint: string;
  }
}

/**
 * Starts a local S3-compatible endpoint (s3rver) for the run, on a free port with its data in a temporary folder;
 * tests create their own buckets (see createTestS3Storage). Stops it and removes the folder at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir });
  const address = (await server.run()) as { address: string; port: number };
  project.provide('s3Endpoint', `http://${address.address}:${address.port}`);
  return async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
