import { describe, expect, it } from 'vitest';
import {
  CollectionSchema,
  FolderSchema,
  RequestDraftSchema,
  type Collection,
  type Environment,
  type Folder,
} from '../../../../shared/contract/collections';
import { VisibleVariableSchema } from '../../../../shared/contract/collections-channels';
import { resolveRequest } from '../../../../electron/core/variables/resolve-request';
import { createMemorySecretValueStore } from '../../../../electron/core/variables/secret-value-store';
import { listVisibleVariables, type VariableScopeInput } from '../../../../electron/core/variables/variable-scope';

const v = (name: string, value: string, extra: { id?: string; isEnabled?: boolean; isSecret?: boolean } = {}) => ({
  id: extra.id ?? `v-${name}`,
  name,
  value,
  isEnabled: extra.isEnabled ?? true,
  isSecret: extra.isSecret ?? false,
});

const collection: Collection = CollectionSchema.parse({
  id: 'c1',
  name: 'Orders',
  settings: {
    variables: [
      v('host', 'collection.example.com', { id: 'c-host' }),
      v('team', 'blue', { id: 'c-team' }),
      v('onlyCollection', 'c'),
      v('apiKey', 'collection-default-key', { id: 'c-apiKey' }),
    ],
  },
});
const outer: Folder = FolderSchema.parse({
  kind: 'folder',
  id: 'f1',
  name: 'Admin',
  settings: { variables: [v('team', 'red', { id: 'f1-team' }), v('off', 'x', { isEnabled: false })] },
});
const inner: Folder = FolderSchema.parse({
  kind: 'folder',
  id: 'f2',
  name: 'Users',
  settings: { variables: [v('team', 'green', { id: 'f2-team' })] },
});
const env: Environment = {
  id: 'e1',
  name: 'dev',
  variables: [
    v('host', 'dev.example.com', { id: 'e-host' }),
    v('token', '', { id: 'e-token', isSecret: true }),
    v('locked', '', { id: 'e-locked', isSecret: true }),
    // A closer secret without a value hides the collection's default instead of falling back to it.
    v('apiKey', '', { id: 'e-apiKey', isSecret: true }),
    v('url', 'https://{{host}}/{{stage}}'),
    v('loopA', '{{loopB}}'),
    v('loopB', '{{loopA}}'),
    v('intoLoop', 'x-{{loopA}}'),
    v('withToken', 'Bearer {{token}}'),
    v('$timestamp', 'pinned'),
  ],
};
const TOKEN = 'env-secret-token-value-42';
const input = (): VariableScopeInput => ({
  collection,
  ancestors: [outer, inner],
  environment: env,
  secrets: createMemorySecretValueStore({ 'e-token': TOKEN }),
});

const byName = async (scope: VariableScopeInput = input()) =>
  new Map((await listVisibleVariables(scope)).map((variable) => [variable.name, variable]));

describe('listVisibleVariables', () => {
  it('ranks collection < environment < folders outer to inner, and names the source of each', async () => {
    const scope = await byName();
    expect(scope.get('host')).toMatchObject({
      isResolved: true,
      source: 'environment',
      sourceName: 'dev',
      preview: 'dev.example.com',
    });
    expect(scope.get('team')).toMatchObject({
      isResolved: true,
      source: 'folder',
      sourceName: 'Users',
      preview: 'green',
    });
    expect(scope.get('onlyCollection')).toMatchObject({ source: 'collection', sourceName: 'Orders', preview: 'c' });
    expect(scope.has('off')).toBe(false);
  });

  it('marks a secret without a value unresolved, also when it hides a farther scope’s value', async () => {
    const scope = await byName();
    expect(scope.get('locked')).toMatchObject({ isResolved: false, isSecret: true, source: 'environment' });
    expect(scope.get('locked')?.problem).toMatch(
      /\{\{locked\}\} is secret and has no value here.*environment “dev”.*vault/,
    );
    expect(scope.get('apiKey')).toMatchObject({ isResolved: false, isSecret: true, source: 'environment' });
    expect(scope.get('token')).toMatchObject({ isResolved: true, isSecret: true });
  });

  it('never returns a secret’s value, not even through a non-secret that refers to it', async () => {
    const variables = await listVisibleVariables(input());
    expect(JSON.stringify(variables)).not.toContain(TOKEN);
    for (const variable of variables.filter((x) => x.isSecret)) expect(variable).not.toHaveProperty('preview');
    expect(variables.find((x) => x.name === 'withToken')).toMatchObject({
      isResolved: true,
      preview: 'Bearer {{token}}',
    });
    for (const variable of variables) expect(VisibleVariableSchema.safeParse(variable).success).toBe(true);
    // The contract refuses a secret with a preview, so a careless handler fails instead of leaking.
    const secret = variables.find((x) => x.name === 'token');
    expect(VisibleVariableSchema.safeParse({ ...secret, preview: TOKEN }).success).toBe(false);
  });

  it('marks a value that refers to a missing variable unresolved and names what is missing', async () => {
    const scope = await byName();
    expect(scope.get('url')).toMatchObject({ isResolved: false, preview: 'https://{{host}}/{{stage}}' });
    expect(scope.get('url')?.problem).toBe('{{url}} refers to {{stage}}, which has no value');
  });

  it('marks loops unresolved instead of following them', async () => {
    const scope = await byName();
    expect(scope.get('loopA')).toMatchObject({ isResolved: false, problem: '{{loopA}} refers back to itself' });
    expect(scope.get('loopB')).toMatchObject({ isResolved: false, problem: '{{loopB}} refers back to itself' });
    expect(scope.get('intoLoop')).toMatchObject({
      isResolved: false,
      problem: '{{intoLoop}} leads to a loop at {{loopA}}',
    });
  });

  it('lists the built-ins as resolved, unless a variable of the same name overrides one', async () => {
    const scope = await byName();
    for (const name of ['$isoTimestamp', '$guid', '$randomUUID']) {
      expect(scope.get(name)).toMatchObject({
        isResolved: true,
        source: 'built-in',
        sourceName: 'Shomei',
        isSecret: false,
      });
      expect(scope.get(name)?.preview).toMatch(/send time|UUID/);
    }
    expect(scope.get('$timestamp')).toMatchObject({ source: 'environment', preview: 'pinned' });
    const bare = await byName({});
    expect([...bare.keys()]).toEqual(['$guid', '$isoTimestamp', '$randomUUID', '$timestamp']);
  });

  it('agrees with a real send on every name it lists, and on a name it does not list', async () => {
    const scope = input();
    const variables = await listVisibleVariables(scope);
    for (const { name, isResolved } of [...variables, { name: 'nowhere', isResolved: false }]) {
      const outcome = await resolveRequest({
        ...scope,
        request: RequestDraftSchema.parse({ name: 'r', method: 'GET', url: `https://x.example/{{${name}}}` }),
      });
      expect({ name, isResolved: outcome.ok }).toEqual({ name, isResolved });
    }
  });
});
