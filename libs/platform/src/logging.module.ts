import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import type { DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { LoggerModule } from 'nestjs-pino';
import { REDACT_PATHS, redactLogFields, redactRequest } from './log-redaction';

/**
 * Structured JSON logs through pino. For HTTP apps every line written while handling a request
 * carries its request id (`reqId`); credentials, cookies and one-time secrets never reach the log
 * (`log-redaction.ts`).
 */
export function loggingModule(
  config: AppConfig,
  options: {
    service: 'api' | 'worker';
    requestId?: (req: IncomingMessage, res: ServerResponse) => string;
    /** Where the lines go instead of stdout; tests read them to prove what never reaches a log. */
    stream?: Writable;
  },
): DynamicModule {
  const pinoOptions = {
    level: config.LOG_LEVEL,
    base: { service: options.service },
    genReqId: options.requestId,
    customAttributeKeys: { reqId: 'reqId' },
    redact: REDACT_PATHS,
    serializers: { req: redactRequest },
    formatters: { log: redactLogFields },
    autoLogging: options.service === 'api',
    quietReqLogger: true,
  };
  return LoggerModule.forRoot({ pinoHttp: options.stream ? [pinoOptions, options.stream] : pinoOptions });
}
