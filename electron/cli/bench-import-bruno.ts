// The Bruno files `npm run bench` imports for issue 15 (bench-import-corpus.ts): a `.bru` request
// file, a `.bru` collection folder and an OpenCollection (YAML) folder, as Bruno writes them.
import { stringify as stringifyYaml } from 'yaml';
import type { BrunoFile } from '../core/io/bruno';

const pad = (i: number, length: number) => `${i}-`.padEnd(length, 'x');

/** A `.bru` request file as Bruno writes it: meta, method, params, headers, body, auth, a check, docs, settings. */
export function bruRequest(
  i: number,
  auth: 'awsv4' | 'inherit',
  body = JSON.stringify({ id: i, pad: pad(i, 200) }),
): string {
  const awsv4 = `auth:awsv4 {\n  accessKeyId: {{accessKeyId}}\n  secretAccessKey: {{secretAccessKey}}\n  sessionToken: \n  service: execute-api\n  region: {{region}}\n  profileName: \n}\n\n`;
  return (
    `meta {\n  name: Create thing ${i}\n  type: http\n  seq: ${i + 1}\n}\n\n` +
    `post {\n  url: {{baseUrl}}/things/:thingId?x=${i}\n  body: json\n  auth: ${auth}\n}\n\n` +
    `params:query {\n  x: ${i}\n}\n\nparams:path {\n  thingId: t-${i}\n}\n\n` +
    `headers {\n  Content-Type: application/json\n  x-trace: bench-${i}\n}\n\n` +
    `body:json {\n  ${body}\n}\n\n${auth === 'awsv4' ? awsv4 : ''}` +
    `assert {\n  res.status: eq 201\n}\n\n` +
    `docs {\n  Creates thing ${i} and returns it.\n}\n\n` +
    `settings {\n  encodeUrl: true\n  timeout: 0\n}\n`
  );
}

/** A Bruno collection folder: `bruno.json`, `collection.bru`, environments, folders with `folder.bru`, request files. */
export function brunoFolder(base: string, folders: number, perFolder: number): BrunoFile[] {
  const files: BrunoFile[] = [
    {
      path: 'bruno.json',
      text: JSON.stringify(
        { version: '1', name: 'Bench', type: 'collection', ignore: ['node_modules', '.git'] },
        null,
        2,
      ),
    },
    {
      path: 'collection.bru',
      text: 'headers {\n  x-client: bench\n}\n\nauth {\n  mode: awsv4\n}\n\nvars:pre-request {\n  region: eu-west-1\n}\n',
    },
    ...['dev', 'prod'].map((stage) => ({
      path: `environments/${stage}.bru`,
      text: `vars {\n  baseUrl: ${base.replace('prod', stage)}\n  region: eu-west-1\n}\nvars:secret [\n  accessKeyId,\n  secretAccessKey\n]\n`,
    })),
  ];
  for (let f = 0; f < folders; f += 1) {
    files.push({ path: `group-${f}/folder.bru`, text: `meta {\n  name: Group ${f}\n  seq: ${f + 1}\n}\n` });
    for (let r = 0; r < perFolder; r += 1) {
      const i = f * perFolder + r;
      files.push({ path: `group-${f}/create-thing-${i}.bru`, text: bruRequest(i, r % 2 === 0 ? 'awsv4' : 'inherit') });
    }
  }
  return files;
}

/** A Bruno OpenCollection (YAML) folder: `opencollection.yml`, environments, folders with `folder.yml`, requests. */
export function openCollectionFolder(base: string, folders: number, perFolder: number): BrunoFile[] {
  const files: BrunoFile[] = [
    {
      path: 'opencollection.yml',
      text: stringifyYaml({
        opencollection: '1.0.0',
        info: { name: 'Bench' },
        extensions: { bruno: { ignore: ['node_modules', '.git'] } },
        request: { headers: [{ name: 'x-client', value: 'bench', enabled: true }] },
      }),
    },
    ...['dev', 'prod'].map((stage) => ({
      path: `environments/${stage}.yml`,
      text: stringifyYaml({
        name: stage,
        variables: [
          { name: 'baseUrl', value: base.replace('prod', stage) },
          { name: 'secretAccessKey', value: '', secret: true },
        ],
      }),
    })),
  ];
  for (let f = 0; f < folders; f += 1) {
    files.push({ path: `group-${f}/folder.yml`, text: stringifyYaml({ info: { name: `Group ${f}`, seq: f + 1 } }) });
    for (let r = 0; r < perFolder; r += 1) {
      const i = f * perFolder + r;
      const request = {
        info: { name: `Create thing ${i}`, type: 'http', seq: r + 1 },
        http: {
          method: 'POST',
          url: `{{baseUrl}}/things/${i}`,
          params: [{ name: 'x', value: String(i), type: 'query', enabled: true }],
          headers: [{ name: 'Content-Type', value: 'application/json', enabled: true }],
          body: { mode: 'json', json: `${JSON.stringify({ id: i, pad: pad(i, 200) }, null, 2)}\n` },
          auth: {
            type: 'awsv4',
            service: 'execute-api',
            region: '{{region}}',
            accessKeyId: '{{accessKeyId}}',
            secretAccessKey: '{{secretAccessKey}}',
          },
        },
        settings: { encodeUrl: true, timeout: 0 },
        docs: { content: `Creates thing ${i} and returns it.` },
      };
      files.push({ path: `group-${f}/create-thing-${i}.yml`, text: stringifyYaml(request) });
    }
  }
  return files;
}
