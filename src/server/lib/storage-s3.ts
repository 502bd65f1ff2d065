import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  assertKey,
  checkExpected,
  type Expected,
  type FileStorage,
  HashingStream,
  type S3Settings,
  StorageMissingError,
  type StoredEntry,
} from './storage';

const notFound = (err: unknown) =>
  err instanceof S3ServiceException && (err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata.httpStatusCode === 404);

/**
 * Objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, s3rver in tests) through the AWS SDK v3. Uploads stream
 * in parts (lib-storage), downloads stream from the GetObject body; the SHA-256 is kept as object metadata
 * (`x-amz-meta-sha256`) when the caller knows it, and the bytes are hashed on the way in: an object whose bytes do
 * not match is deleted before the call fails.
 */
export class S3Storage implements FileStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(
    private readonly settings: S3Settings,
    private readonly prefix = '',
  ) {
    if (prefix) assertKey(prefix.replace(/\/$/, ''));
    this.client = new S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      ...(settings.accessKeyId && settings.secretAccessKey
        ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
        : {}),
      // Checksums only where S3 requires them: many S3-compatible stores do not take the SDK's default CRC trailers.
      // Integrity is checked here with SHA-256 instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  get location(): string {
    return `s3://${this.settings.bucket}/${this.prefix}${this.settings.endpoint ? ` (${this.settings.endpoint})` : ''}`;
  }

  private keyOf(key: string): string {
    assertKey(key);
    return `${this.prefix}${key}`;
  }

  async putStream(key: string, body: Readable, expected?: Expected): Promise<{ size: number; sha256: string }> {
    const Key = this.keyOf(key);
    const hashing = new HashingStream();
    const out = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.settings.bucket,
        Key,
        Body: out,
        ...(expected?.sha256 ? { Metadata: { sha256: expected.sha256 } } : {}),
      },
      partSize: 8 * 1024 * 1024,
      queueSize: 2,
      leavePartsOnError: false,
    });
    const feeding = pipeline(body, hashing, out);
    try {
      await Promise.all([feeding, upload.done()]);
    } catch (err) {
      out.destroy();
      await upload.abort().catch(() => undefined);
      throw err;
    }
    const got = { size: hashing.size, sha256: hashing.sha256() };
    try {
      checkExpected(key, got, expected);
    } catch (err) {
      await this.remove(key);
      throw err;
    }
    return got;
  }

  async stream(key: string): Promise<Readable> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }));
      return res.Body as Readable;
    } catch (err) {
      if (notFound(err)) throw new StorageMissingError(key);
      throw err;
    }
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }));
      return { size: res.ContentLength ?? 0 };
    } catch (err) {
      if (notFound(err)) return null;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(key) }));
  }

  async *list(prefix: string): AsyncIterable<StoredEntry> {
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: `${this.prefix}${prefix}`, ContinuationToken: token }),
      );
      for (const o of res.Contents ?? []) {
        if (!o.Key) continue;
        yield { key: o.Key.slice(this.prefix.length), size: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.settings.bucket }));
    } catch (err) {
      const status = err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
      throw new Error(
        `S3 bucket "${this.settings.bucket}" is not reachable${this.settings.endpoint ? ` at ${this.settings.endpoint}` : ''}: ${
          status === 404 ? 'it does not exist' : status === 403 ? 'access denied (check S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY)' : (err as Error).message
        }`,
      );
    }
  }

  /** Closes the client's sockets (tests, shutdown). */
  close(): void {
    this.client.destroy();
  }
}
