import type { Provider } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';
import { APP_CONFIG } from '@kiezfonds/platform';
import { DeviceCookies } from './device-cookie';

export const DEVICE_COOKIES_PROVIDER: Provider = {
  provide: DeviceCookies,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new DeviceCookies(config.SESSION_SECRET),
};
