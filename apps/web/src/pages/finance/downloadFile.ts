import { ApiError, type ApiErrorBody, clientErrorCodes } from '../../api/client';

/** How far a download is: bytes so far, and the size when the server announced it. */
export type DownloadProgress = { received: number; total: number | null };

/** The file name of `Content-Disposition: attachment; filename="…"`, if there is one. */
export function fileNameOf(disposition: string | null): string | null {
  const match = disposition && /filename="([^"]+)"/i.exec(disposition);
  return match ? match[1]! : null;
}

async function errorOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (/json/i.test(type)) {
    const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
    if (body && typeof body.code === 'string' && typeof body.message === 'string') {
      return new ApiError(response.status, body);
    }
  }
  return new ApiError(response.status, {
    code: clientErrorCodes.http,
    message: `The server answered with HTTP ${response.status}.`,
  });
}

/**
 * Fetches an export and reports each chunk as it arrives, so a long one (a ledger of many
 * thousand entries) shows progress instead of a silent wait. The exports stream without a known
 * length, so `total` is usually null and only the bytes so far can be shown. A connection the
 * server cuts after the first byte (its way of saying the file broke) rejects, so a truncated
 * file is never handed on as complete.
 */
export async function downloadFile(
  url: string,
  onProgress: (progress: DownloadProgress) => void,
  signal: AbortSignal,
): Promise<{ blob: Blob; name: string | null }> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'include',
      headers: { 'Accept-Language': document.documentElement.lang || 'de' },
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(
      0,
      { code: clientErrorCodes.network, message: 'The server could not be reached.' },
      { cause: error },
    );
  }
  if (!response.ok) throw await errorOf(response);

  const length = Number(response.headers.get('content-length'));
  const total = Number.isSafeInteger(length) && length > 0 ? length : null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress({ received, total });
  if (response.body) {
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.byteLength;
        onProgress({ received, total });
      }
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ApiError(
        0,
        { code: clientErrorCodes.network, message: 'The download broke off.' },
        { cause: error },
      );
    }
  }
  const blob = new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' });
  return { blob, name: fileNameOf(response.headers.get('content-disposition')) };
}

/** Hands a fetched file to the browser's download, under its name. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the address only after the click returns: give them a minute.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
