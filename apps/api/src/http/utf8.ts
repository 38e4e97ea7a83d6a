import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { ErrorDetail } from '@kiezfonds/domain';
import { inputProblems } from './input-checks';

/** Where body-parser's `verify` leaves the fields it refused, for the error filter to name. */
export const BODY_PROBLEMS = Symbol('kiezfonds:body-problems');

export type RequestWithBodyProblems = IncomingMessage & { [BODY_PROBLEMS]?: ErrorDetail[] };

/**
 * body-parser's `verify`: a JSON body that is not valid UTF-8 is refused with 400, naming the
 * fields whose text held the invalid bytes (found by decoding with replacement characters).
 * Nest turns any middleware error with a status into a bare HttpException, so the details travel
 * on the request instead of on the error.
 */
export function refuseInvalidUtf8(request: RequestWithBodyProblems, _response: unknown, body: Buffer): void {
  if (isUtf8(body)) return;
  let details: ErrorDetail[] = [{ field: '', rule: 'utf8' }];
  try {
    const decoded: unknown = JSON.parse(new TextDecoder('utf-8').decode(body));
    const found = inputProblems(decoded, { replacementMarksInvalidUtf8: true }).filter(
      (p) => p.rule === 'utf8',
    );
    if (found.length > 0) details = found;
  } catch {
    // Not JSON either: the whole body is named.
  }
  request[BODY_PROBLEMS] = details;
  throw Object.assign(new Error('invalid UTF-8 in the body'), { status: 400 });
}
