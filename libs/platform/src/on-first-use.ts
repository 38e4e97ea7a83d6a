/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Libraries that only a few requests need (spreadsheets, PDF documents, the list of common
 * passwords), loaded by the first of them instead of at start: together with their dependencies
 * they held about 50 MB of every API and worker process's resident memory from the start (issue 18: the API stays ≤ 250 MB under
 * load). Their types come from `import type`, which costs nothing at run time; Node caches the
 * module after the first call.
 */
export const exceljs = (): typeof import('exceljs') => require('exceljs');

export const pdfkit = (): typeof import('pdfkit') => require('pdfkit');

export const zxcvbnCommon = (): typeof import('@zxcvbn-ts/language-common') =>
  require('@zxcvbn-ts/language-common');
