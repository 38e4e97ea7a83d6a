import 'reflect-metadata';
import { prepareStart } from '@kiezfonds/platform';
import { createApiApp } from './create-api-app';

async function main(): Promise<void> {
  const config = await prepareStart();
  const app = await createApiApp(config);
  await app.listen(config.PORT, '0.0.0.0');
  console.log(`kiezfonds API listening on ${config.APP_URL} (port ${config.PORT})`);
}

void main();
