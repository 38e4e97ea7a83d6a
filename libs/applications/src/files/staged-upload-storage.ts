import { createHash, randomUUID } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { clientTimeoutFor } from '@kiezfonds/persistence';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** What the type check needs of a file: its start and its end (a ZIP's directory is at the end). */
export const SAMPLE_BYTES = 64 * 1024;

/**
 * How long a staged upload may take: the HTTP server's own request timeout (Node's default,
 * 5 minutes). The API's short statement timeout is for queries, not for a slow connection's upload.
 */
const UPLOAD_STATEMENT_TIMEOUT_MS = 300_000;

/** One uploaded file as the storage hands it over: staged in PostgreSQL, never whole in memory. */
export interface StagedFile {
  originalname: string;
  size: number;
  sha256: string;
  /** The file itself when it is at most two samples long; otherwise its first and last sample. */
  sample: Buffer;
  /** The `upload_staging` row that holds the content until a service takes it. */
  stagedAs: string;
}

/** The part of multer's file that a storage engine is given (multer ships no types of its own). */
interface MulterFile {
  originalname: string;
  stream: Readable;
}

/**
 * Multer storage that streams each file into `upload_staging` with `COPY … FROM STDIN` while it
 * arrives, so that an upload costs the API a few kilobytes, not its size two or three times over
 * (ADR 0010, issue 16). Size, checksum and the samples for the type check are taken on the way.
 * The service that accepts the file moves it into its own table (`stagedContent`); whatever was
 * not taken when the answer is sent is deleted then, accepted or not.
 */
export class StagedUploadStorage {
  constructor(private readonly dataSource: DataSource) {}

  _handleFile(
    request: Request,
    file: MulterFile,
    callback: (error?: unknown, info?: Partial<StagedFile>) => void,
  ): void {
    this.stage(request, file.stream).then(
      (staged) => callback(null, staged),
      (error: unknown) => callback(error),
    );
  }

  _removeFile(_request: Request, file: MulterFile, callback: (error: Error | null) => void): void {
    const token = (file as Partial<StagedFile>).stagedAs;
    if (!token) return callback(null);
    this.discard(token).then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }

  private async stage(request: Request, stream: Readable): Promise<Omit<StagedFile, 'originalname'>> {
    const token = randomUUID();
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headBytes = 0;
    let tail = Buffer.alloc(0);
    let size = 0;
    let started = false;
    // One COPY row: the token, a tab, then the bytea in hex (`\\x` is `\x` once COPY unescapes).
    const toCopyRow = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        if (headBytes < 2 * SAMPLE_BYTES) {
          head.push(chunk);
          headBytes += chunk.length;
        }
        tail = Buffer.concat([tail, chunk]);
        if (tail.length > SAMPLE_BYTES) tail = tail.subarray(tail.length - SAMPLE_BYTES);
        const prefix = started ? '' : `${token}\t\\\\x`;
        started = true;
        done(null, prefix + chunk.toString('hex'));
      },
      flush(done) {
        done(null, `${started ? '' : `${token}\t\\\\x`}\n`);
      },
    });

    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [
      { query: (query: unknown) => unknown },
      (error?: unknown) => void,
    ];
    // Whatever happens to the request from here on, the staged row does not outlive the answer.
    request.res?.once('close', () => void this.discard(token).catch(() => undefined));
    let failure: unknown;
    try {
      await (client.query('BEGIN') as Promise<unknown>);
      await (client.query(
        `SET LOCAL statement_timeout = ${UPLOAD_STATEMENT_TIMEOUT_MS}`,
      ) as Promise<unknown>);
      // The pool's client read timeout follows the API's short statement timeout; this statement
      // may run as long as the raised one above, so the client waits as long (and its margin).
      const copy = client.query(
        Object.assign(copyFrom(`COPY upload_staging (token, content) FROM STDIN`), {
          query_timeout: clientTimeoutFor(UPLOAD_STATEMENT_TIMEOUT_MS),
        }),
      ) as NodeJS.WritableStream;
      await pipeline(stream, toCopyRow, copy);
      await (client.query('COMMIT') as Promise<unknown>);
    } catch (error) {
      failure = error;
      await (client.query('ROLLBACK') as Promise<unknown>).catch(() => undefined);
      throw error;
    } finally {
      release(failure);
    }
    const headBuffer = Buffer.concat(head);
    const sample =
      size <= 2 * SAMPLE_BYTES ? headBuffer : Buffer.concat([headBuffer.subarray(0, SAMPLE_BYTES), tail]);
    return { size, sha256: hash.digest('hex'), sample, stagedAs: token };
  }

  private async discard(token: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM upload_staging WHERE token = $1`, [token]);
  }
}

/** The SQL expression that yields a staged file's content, for the accepting service's INSERT. */
export const stagedContent = (parameter: string) =>
  `(SELECT content FROM upload_staging WHERE token = ${parameter})`;

/** Removes the staged copy once the service's own row holds the file, in the same transaction. */
export async function takeStaged(
  tx: { query: (sql: string, parameters: unknown[]) => Promise<unknown> },
  token: string,
): Promise<void> {
  await tx.query(`DELETE FROM upload_staging WHERE token = $1`, [token]);
}
