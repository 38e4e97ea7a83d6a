import type { Provider } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG } from '@kiezfonds/platform';
import { SecretLinks } from './secret-links';

/** One SecretLinks per process, keyed from SESSION_SECRET (required in production). */
export const SECRET_LINKS_PROVIDER: Provider = {
  provide: SecretLinks,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new SecretLinks(config.SESSION_SECRET),
};
