import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '@kiezfonds/config';
import { parse } from 'cookie';
import type { Request, Response } from 'express';

export const DEVICE_COOKIE = 'kf_device';
const DEVICE_COOKIE_DAYS = 180;

/**
 * A device cookie (OWASP's defence against online guessing): a browser that signed in to an
 * account gets a cookie bound to that account, and failures of others never slow it down. It is
 * a random id with an HMAC over the account id, so it needs no table and cannot be made for an
 * account without the key (derived from SESSION_SECRET).
 */
export class DeviceCookies {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'kiezfonds', 'device cookies', 32));
  }

  issue(userId: string): string {
    const id = randomBytes(16).toString('base64url');
    return `${id}.${this.mac(userId, id)}`;
  }

  /** The device's id when the cookie was issued for this account, else null. */
  deviceOf(cookie: string | undefined, userId: string): string | null {
    const [id, mac, ...rest] = (cookie ?? '').split('.');
    if (!id || !mac || rest.length > 0) return null;
    const expected = Buffer.from(this.mac(userId, id));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  private mac(userId: string, id: string): string {
    return createHmac('sha256', this.key).update(`${userId}:${id}`).digest('base64url').slice(0, 32);
  }
}

export function readDeviceCookie(request: Request): string | undefined {
  const header = request.headers.cookie;
  return header ? parse(header)[DEVICE_COOKIE] : undefined;
}

export function setDeviceCookie(response: Response, config: AppConfig, value: string): void {
  response.cookie(DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.APP_URL.startsWith('https:'),
    path: '/api/auth',
    maxAge: DEVICE_COOKIE_DAYS * 86_400_000,
  });
}
