import { describe, expect, it } from 'vitest';
import { CollectionSchema, type Collection, type SavedRequest } from '../../../../shared/contract/collections';
import { exportPostmanCollection, importPostmanCollection } from '../../../../electron/core/io/postman';
import { sigV4aPostmanNote } from '../../../../electron/core/io/postman-auth';
import { exportShomeiCollection, importShomeiCollection } from '../../../../electron/core/io/shomei-file';
import { sequentialIds } from '../../../support/import-fixtures';

const MRAP = 'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com';

/** A collection whose folder signs SigV4a for `*` and whose request signs SigV4a for a region set of its own. */
function sigV4aCollection(): Collection {
  return CollectionSchema.parse({
    id: 'c1',
    name: 'Global bucket',
    settings: {},
    items: [
      {
        kind: 'folder',
        id: 'f1',
        name: 'Objects',
        settings: { auth: { type: 'aws-sigv4', credentialSource: { source: 'profile', profileId: 'dev' }, region: '', service: 's3', algorithm: 'sigv4a' } },
        items: [
          { kind: 'request', id: 'r1', name: 'Get object', method: 'GET', url: `${MRAP}/a.txt`, auth: { type: 'inherit' } },
          {
            kind: 'request',
            id: 'r2',
            name: 'Put object',
            method: 'PUT',
            url: `${MRAP}/b.txt`,
            description: 'Writes b.txt.',
            auth: { type: 'aws-sigv4', credentialSource: { source: 'env' }, region: 'us-east-1', service: 's3', algorithm: 'sigv4a', regionSet: 'us-east-1,eu-west-*' },
          },
        ],
      },
      { kind: 'request', id: 'r3', name: 'Plain SigV4', method: 'GET', url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod', auth: { type: 'aws-sigv4', credentialSource: { source: 'env' }, region: 'eu-west-1', service: 'execute-api' } },
    ],
  });
}

describe('SigV4a in a Postman export (Postman’s awsv4 has no SigV4a)', () => {
  const exported = exportPostmanCollection(sigV4aCollection());
  const json = JSON.parse(exported.text) as {
    item: Array<{ name: string; description?: string; auth?: { awsv4: Array<{ key: string; value: unknown }> }; item?: Array<{ name: string; request: { description?: string; auth?: { type: string; awsv4: Array<{ key: string; value: unknown }> } } }>; request?: { description?: string } }>;
  };
  const folder = json.item[0];
  const put = folder?.item?.[1];

  it('says so in the export report, for the folder and the request that sign with SigV4a, and not for SigV4', () => {
    const messages = exported.notes.map((note) => `${note.path}: ${note.message}`);
    expect(messages).toContain(`Global bucket / Objects: ${sigV4aPostmanNote('*')}`);
    expect(messages).toContain(`Global bucket / Objects / Put object: ${sigV4aPostmanNote('us-east-1,eu-west-*')}`);
    expect(messages.filter((message) => message.includes('SigV4a'))).toHaveLength(2);
  });

  it('says so in the descriptions a Postman user reads, after their own text', () => {
    expect(folder?.description).toBe(sigV4aPostmanNote('*'));
    expect(put?.request.description).toBe(`Writes b.txt.\n\n${sigV4aPostmanNote('us-east-1,eu-west-*')}`);
    expect(json.item[1]?.request?.description).toBeUndefined();
  });

  it('keeps awsv4 (the nearest Postman has) with the algorithm and region set in Shomei’s own parameters', () => {
    expect(put?.request.auth?.type).toBe('awsv4');
    expect(put?.request.auth?.awsv4).toEqual(
      expect.arrayContaining([
        { key: 'shomeiAlgorithm', value: 'sigv4a', type: 'string' },
        { key: 'shomeiRegionSet', value: 'us-east-1,eu-west-*', type: 'string' },
      ]),
    );
    expect(folder?.auth?.awsv4).toEqual(expect.arrayContaining([{ key: 'shomeiRegionSet', value: '*', type: 'string' }]));
  });

  it('Postman → Shomei again: SigV4a and its region set come back, the descriptions without the note', () => {
    const { collection } = importPostmanCollection(exported.text, { newId: sequentialIds() });
    const objects = collection.items[0];
    if (objects?.kind !== 'folder') throw new Error('no folder');
    expect(objects.settings.auth).toMatchObject({ type: 'aws-sigv4', algorithm: 'sigv4a', regionSet: '*', service: 's3', credentialSource: { source: 'profile', profileId: 'dev' } });
    expect(objects.description).toBeUndefined();
    const restored = objects.items[1] as SavedRequest;
    expect(restored.auth).toMatchObject({ type: 'aws-sigv4', algorithm: 'sigv4a', regionSet: 'us-east-1,eu-west-*', region: 'us-east-1' });
    expect(restored.description).toBe('Writes b.txt.');
    const plain = collection.items[1] as SavedRequest;
    expect(plain.auth).not.toHaveProperty('algorithm');
  });

  it('attacker: a Postman file’s shomeiAlgorithm other than sigv4a is ignored, and an over-long region set is cut', () => {
    const hostile = JSON.parse(exported.text) as typeof json;
    for (const param of hostile.item[0]?.auth?.awsv4 ?? []) if (param.key === 'shomeiAlgorithm') param.value = 'sigv5';
    for (const param of hostile.item[0]?.item?.[1]?.request.auth?.awsv4 ?? []) if (param.key === 'shomeiRegionSet') param.value = 'x'.repeat(2000);
    const text = JSON.stringify(hostile);
    const { collection } = importPostmanCollection(text, { newId: sequentialIds() });
    const objects = collection.items[0];
    if (objects?.kind !== 'folder') throw new Error('no folder');
    const auths = [objects.settings.auth, (objects.items[1] as SavedRequest).auth];
    expect(auths.filter((auth) => auth.type === 'aws-sigv4' && auth.algorithm === 'sigv4a')).toHaveLength(1);
    const put = objects.items[1] as SavedRequest;
    if (put.auth.type === 'aws-sigv4' && put.auth.algorithm === 'sigv4a') expect(put.auth.regionSet?.length).toBe(512);
  });
});

describe('SigV4a in Shomei’s own JSON export', () => {
  it('round trip keeps the algorithm and the region set, on folders and requests', () => {
    const original = sigV4aCollection();
    const { collection } = importShomeiCollection(exportShomeiCollection(original).text, { newId: sequentialIds() });
    const objects = collection.items[0];
    if (objects?.kind !== 'folder') throw new Error('no folder');
    expect(objects.settings.auth).toMatchObject({ algorithm: 'sigv4a' });
    expect((objects.items[1] as SavedRequest).auth).toMatchObject({ algorithm: 'sigv4a', regionSet: 'us-east-1,eu-west-*' });
  });
});
