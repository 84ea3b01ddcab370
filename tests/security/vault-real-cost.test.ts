import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPassphraseVault, VAULT_SCRYPT_PARAMS } from '../../electron/core/vault/passphrase-cipher';
import { vaultCores } from '../support/vault-cores';

// The vault at its real cost, as browser mode and the CLI build it (createCore's default vault, no
// injected parameters). scrypt at N = 2^17 takes about a second per derivation on a loaded
// machine, so these live here and not in tests/unit, where the vault tests inject a cheap cost.
const PASSPHRASE = 'the real-cost vault passphrase';
const WEAK = { N: 2 ** 10, r: 8, p: 1 };

type VaultFile = { schemaVersion: number; data: { salt: string; verifier: string; params: { N: number; r: number; p: number }; previous?: unknown } };
const readVault = (dir: string) => JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as VaultFile;

const cores = vaultCores('shomei-vault-cost-');
const freshDir = cores.freshDir;
/** Browser mode's core; `weakVault` only to plant a vault written at a weaker cost. */
const openCore = (dataDir: string, weakVault = false) => cores.openCore(dataDir, weakVault ? createPassphraseVault({ dataDir, params: WEAK }) : undefined);

describe('the passphrase vault at its real cost', () => {
  it('derives a new vault key with scrypt N = 2^17, r = 8, p = 1 (128 MiB, within maxmem)', async () => {
    expect(VAULT_SCRYPT_PARAMS).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const dataDir = freshDir();
    const core = openCore(dataDir);
    await core.credentials.unlock(PASSPHRASE);
    expect(readVault(dataDir).data.params).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    await core.secrets.set('var-token', 'kept-at-real-cost');
    expect(await core.secrets.get('var-token')).toBe('kept-at-real-cost');
  });

  it('attacker: a vault file written at a weak cost is upgraded to N = 2^17 at the next unlock, nothing lost', async () => {
    const dataDir = freshDir();
    const weak = openCore(dataDir, true);
    await weak.credentials.unlock(PASSPHRASE);
    await weak.secrets.set('var-token', 'planted-with-weak-cost');
    expect(readVault(dataDir).data.params.N).toBe(WEAK.N);
    await cores.closeAll();

    const core = openCore(dataDir);
    await core.credentials.unlock(PASSPHRASE);
    expect(await core.secrets.get('var-token')).toBe('planted-with-weak-cost');
    const vault = readVault(dataDir).data;
    expect(vault.params).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    expect(vault.previous).toBeUndefined();
  });

  it('attacker: lowering the cost in the vault file does not open it; refused as a wrong passphrase, the file unchanged', async () => {
    const dataDir = freshDir();
    const core = openCore(dataDir);
    await core.credentials.unlock(PASSPHRASE);
    await core.secrets.set('var-token', 'guarded');
    await cores.closeAll();

    // Someone with the data folder rewrites N so that guessing passphrases would be cheap.
    const file = readVault(dataDir);
    file.data.params.N = WEAK.N;
    writeFileSync(join(dataDir, 'vault.json'), JSON.stringify(file));
    const tampered = readFileSync(join(dataDir, 'vault.json'), 'utf8');

    const reopened = openCore(dataDir);
    await expect(reopened.credentials.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    expect(readFileSync(join(dataDir, 'vault.json'), 'utf8')).toBe(tampered);
    // Still locked: the value is not given out (refused or absent, never the plaintext).
    expect(await reopened.secrets.get('var-token').catch(() => undefined)).toBeUndefined();
    expect(reopened.credentials.vaultStatus().state).toBe('locked');
  });
});
