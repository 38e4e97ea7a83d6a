import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '@kiezfonds/config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Makes the one validated configuration object injectable; it is read once, at start. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
