// Starts a worker thread's TypeScript entry: under tsx (npm start, tests) the worker needs tsx's loader
// registered in its own thread before the entry is imported.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
