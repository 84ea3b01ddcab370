import { afterAll, beforeAll } from 'vitest';

/**
 * Puts AWS keys in this process's environment for a test file (browser mode, started by the test,
 * inherits them: requests that choose "Environment variables" sign with them), and removes them after.
 */
export function useProcessEnvKeys(keys: { accessKeyId: string; secretAccessKey: string }): void {
  beforeAll(() => {
    process.env.AWS_ACCESS_KEY_ID = keys.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = keys.secretAccessKey;
  });
  afterAll(() => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  });
}
