import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCollectionsService } from '../../../../electron/core/collections/collections-service';
import { createEnvironmentsService } from '../../../../electron/core/collections/environments-service';
import { openWorkspaceStore } from '../../../../electron/core/collections/workspace-store';
import { createMemorySecretValueStore } from '../../../../electron/core/variables/secret-value-store';
import { makeTempDir, readAllFiles } from '../../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

const SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';

function open(secrets = createMemorySecretValueStore()) {
  const workspace = openWorkspaceStore({ dataDir: temp.dir, saveDelayMs: 0 });
  return {
    secrets,
    workspace,
    environments: createEnvironmentsService({ workspace, secrets }),
    collections: createCollectionsService({ workspace, secrets }),
  };
}

describe('environments service', () => {
  it('creates, switches, edits, duplicates and removes environments', async () => {
    const { environments } = open();
    const dev = await environments.create({ name: 'dev', variables: [{ name: 'baseUrl', value: 'https://dev.test' }] });
    const prod = await environments.create({
      name: 'prod',
      variables: [{ name: 'baseUrl', value: 'https://prod.test' }],
    });
    environments.setActive(prod.id);
    expect(open().environments.getActive()?.name).toBe('prod');
    await environments.update({
      id: dev.id,
      name: 'development',
      variables: [
        { name: 'baseUrl', value: 'https://dev2.test' },
        { name: 'region', value: 'eu-west-1' },
      ],
    });
    expect(open().environments.get(dev.id)).toMatchObject({
      name: 'development',
      variables: [{ value: 'https://dev2.test' }, { name: 'region' }],
    });
    const copy = await environments.duplicate({ id: prod.id });
    expect(environments.list().map((e) => e.name)).toEqual(['development', 'prod', 'prod copy']);
    await environments.remove({ id: prod.id });
    expect(environments.getActive()).toBeUndefined();
    expect(environments.list().map((e) => e.id)).toEqual([dev.id, copy.id]);
    expect(() => environments.setActive('missing')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('keeps secret variable values in the secret store only, never in the data folder', async () => {
    const { environments, secrets, collections } = open();
    const env = await environments.create({
      name: 'prod',
      variables: [
        { name: 'apiKey', value: SECRET, isSecret: true },
        { name: 'plain', value: 'visible' },
      ],
    });
    const variable = env.variables[0];
    expect(variable?.value).toBe('');
    expect(await secrets.get(variable?.id ?? '')).toBe(SECRET);
    // Updating without a new value keeps the stored one.
    await environments.update({
      id: env.id,
      variables: [{ id: variable?.id, name: 'apiKey', value: '', isSecret: true }],
    });
    expect(await secrets.get(variable?.id ?? '')).toBe(SECRET);
    const copy = await environments.duplicate({ id: env.id });
    expect(await secrets.get(copy.variables[0]?.id ?? '')).toBe(SECRET);
    const c = collections.createCollection({ name: 'C' });
    await collections.updateSettings({
      id: c.id,
      settings: { variables: [{ id: 'cv1', name: 'token', value: SECRET, isSecret: true, isEnabled: true }] },
    });
    expect(collections.getCollection(c.id).settings.variables[0]?.value).toBe('');
    expect(await secrets.get('cv1')).toBe(SECRET);
    for (const file of readAllFiles(temp.dir)) expect(file.bytes.includes(SECRET), file.path).toBe(false);
    expect(readFileSync(open().workspace.path, 'utf8')).toContain('"isSecret": true');
    // Making it non-secret, or removing the environment, deletes the stored value.
    await environments.update({ id: env.id, variables: [{ id: variable?.id, name: 'apiKey', value: 'now-plain' }] });
    expect(await secrets.get(variable?.id ?? '')).toBeUndefined();
    await environments.remove({ id: copy.id });
    expect(await secrets.get(copy.variables[0]?.id ?? '')).toBeUndefined();
  });

  it('refuses invalid names and variables', async () => {
    const { environments } = open();
    await expect(environments.create({ name: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(environments.create({ name: 'x', variables: [{ name: '{{bad}}', value: '' }] })).rejects.toMatchObject(
      { code: 'INVALID_INPUT' },
    );
    expect(environments.list()).toEqual([]);
  });
});
