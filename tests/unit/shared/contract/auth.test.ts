import { describe, expect, it } from 'vitest';
import { defaultSavedAuth, isOnlyReferences, SavedAuthSchema } from '../../../../shared/contract/auth';
import { CollectionSchema } from '../../../../shared/contract/collections';

describe('saved auth never holds a secret', () => {
  it('keeps {{variables}} in secret fields and refuses literal text (a file cannot smuggle a token in)', () => {
    expect(isOnlyReferences('{{accessToken}}')).toBe(true);
    expect(isOnlyReferences(' {{a}} {{b}} ')).toBe(true);
    expect(isOnlyReferences('')).toBe(true);
    expect(isOnlyReferences('Bearer {{token}}')).toBe(false);
    expect(isOnlyReferences('eyJhbGciOi')).toBe(false);
    const hostile = { type: 'bearer', tokenRef: { kind: 'variables', text: 'eyJhbGciOiJIUzI1NiJ9.literal' } };
    expect(SavedAuthSchema.safeParse(hostile).success).toBe(false);
    const inFile = CollectionSchema.safeParse({ id: 'c1', name: 'Hostile', settings: { auth: hostile } });
    expect(inFile.success).toBe(false);
    expect(SavedAuthSchema.safeParse({ type: 'api-key', valueRef: { kind: 'secret', value: 'x' } }).success).toBe(
      false,
    );
  });

  it('refuses vault ids outside the auth_ namespace', () => {
    expect(SavedAuthSchema.safeParse({ type: 'basic', passwordRef: { kind: 'vault', id: 'v-variable' } }).success).toBe(
      false,
    );
    expect(
      SavedAuthSchema.safeParse({ type: 'basic', passwordRef: { kind: 'vault', id: 'auth_0123456789' } }).success,
    ).toBe(true);
  });

  it('gives every type its defaults: x-api-key in the header, the Bearer prefix, nothing set', () => {
    expect(defaultSavedAuth('api-key')).toEqual({
      type: 'api-key',
      in: 'header',
      name: 'x-api-key',
      valueRef: { kind: 'variables', text: '' },
    });
    expect(defaultSavedAuth('bearer')).toEqual({
      type: 'bearer',
      tokenRef: { kind: 'variables', text: '' },
      prefix: 'Bearer',
    });
  });
});
