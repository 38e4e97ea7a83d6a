import type { AppConfig } from '@kiezfonds/config';
import { parse } from 'cookie';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'kf_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Marks a request the app makes by itself (polling), which must not count as user activity. */
export const BACKGROUND_HEADER = 'x-kiezfonds-background';

export function readSessionCookie(request: Request): string | undefined {
  const header = request.headers.cookie;
  return header ? parse(header)[SESSION_COOKIE] : undefined;
}

/** HTTP-only so scripts cannot read it; SameSite=Lax so other sites cannot send it with a POST. */
export function setSessionCookie(response: Response, config: AppConfig, token: string): void {
  response.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.APP_URL.startsWith('https:'),
    path: '/',
    maxAge: config.SESSION_ABSOLUTE_HOURS * 3600_000,
  });
}

export function clearSessionCookie(response: Response, config: AppConfig): void {
  response.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.APP_URL.startsWith('https:'),
    path: '/',
  });
}
