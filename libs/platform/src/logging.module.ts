import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { LoggerModule } from 'nestjs-pino';

/**
 * Structured JSON logs through pino. For HTTP apps every line written while handling a request
 * carries its request id (`reqId`); credentials and cookies never reach the log.
 */
export function loggingModule(
  config: AppConfig,
  options: { service: 'api' | 'worker'; requestId?: (req: IncomingMessage, res: ServerResponse) => string },
): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: config.LOG_LEVEL,
      base: { service: options.service },
      genReqId: options.requestId,
      customAttributeKeys: { reqId: 'reqId' },
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      autoLogging: options.service === 'api',
      quietReqLogger: true,
    },
  });
}
