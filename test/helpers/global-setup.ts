/** Once per test run: the migrated template database each test file copies (see template.ts). */
import { pgliteTemplate, postgresTemplate } from './template.js';

export default async function setup() {
  if (process.env.TEST_DATABASE === 'postgres') await postgresTemplate();
  else await pgliteTemplate();
}
