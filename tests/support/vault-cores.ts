import { afterEach } from 'vitest';
import { createCore, type Core } from '../../electron/core/create-core';
import type { SecretCipher } from '../../electron/core/vault/secret-cipher';
import { makeTempDir } from './temp-dir';

/**
 * Browser mode's cores over fresh data folders for the vault tests: `openCore(dir, cipher?)` (the
 * host's own passphrase vault unless a cipher is given), `restart()` closes the open ones first;
 * everything is closed and removed after each test.
 */
export function vaultCores(prefix: string) {
  const temps: Array<ReturnType<typeof makeTempDir>> = [];
  const cores: Core[] = [];
  const closeAll = async () => {
    for (const core of cores.splice(0)) await core.close();
  };
  afterEach(async () => {
    await closeAll();
    for (const temp of temps.splice(0)) temp.remove();
  });
  return {
    freshDir(): string {
      const temp = makeTempDir(prefix);
      temps.push(temp);
      return temp.dir;
    },
    openCore(dataDir: string, cipher?: SecretCipher): Core {
      const core = createCore({ host: 'browser', version: 'test', dataDir, ...(cipher ? { cipher } : {}) });
      cores.push(core);
      return core;
    },
    closeAll,
  };
}
