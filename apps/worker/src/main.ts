import 'reflect-metadata';
import { prepareStart } from '@kiezfonds/platform';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = await prepareStart();
  await createWorker(config);
  console.log('kiezfonds worker started');
}

void main();
