import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphqlServer, type GraphqlTestServer } from '../support/graphql-server';
import { useE2eSession } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIAE2EGRAPHQL000001', secretAccessKey: 'e2eGraphqlSecret/000000000000000000000' };

const e2e = useE2eSession({ appPer: 'file' });
let server: GraphqlTestServer;

beforeAll(async () => {
  server = await startGraphqlServer([KEYS]);
});
afterAll(() => server.close());

describe('GraphQL bodies, signed', () => {
  it('fetches the schema with a signed introspection, completes and checks the query against it, and sends it as a signed JSON POST', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(server.url);
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
    await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
    await page.getByLabel('Region', { exact: true }).fill('eu-west-1');
    await page.getByLabel('Service', { exact: true }).fill('appsync');
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.getByLabel('Body type').selectOption({ label: 'GraphQL' });

    await page.getByRole('button', { name: 'Fetch schema' }).click();
    await expect
      .poll(() => page.getByTestId('graphql-schema-note').textContent())
      .toMatch(/^Schema loaded: \d+ types \(Query, Mutation\)/);
    const introspection = server.received.at(-1);
    expect(introspection?.verdict.ok).toBe(true);
    expect(introspection?.verdict.stringToSign).toContain('/eu-west-1/appsync/aws4_request');
    expect(JSON.stringify(introspection?.body)).toContain('__schema');

    // Completion from the schema: typing inside a selection offers the fields of Query.
    const query = page.getByRole('textbox', { name: 'GraphQL query' });
    await query.click();
    await page.keyboard.type('query Items($n: Int) { ite');
    await expect
      .poll(() => page.getByRole('option').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringMatching(/^items/), expect.stringMatching(/^item/)]));
    await page.keyboard.press('Escape');
    await page.keyboard.type('ms(limit: $n) { id nmae } }');
    await expect
      .poll(() => page.getByTestId('graphql-problems').textContent())
      .toContain('Cannot query field "nmae" on type "Item"');

    await page
      .getByRole('textbox', { name: 'GraphQL query' })
      .fill('query Items($n: Int) { items(limit: $n) { id name } }');
    await expect.poll(() => page.getByTestId('graphql-problems').count()).toBe(0);
    await page.getByRole('textbox', { name: 'GraphQL variables' }).fill('{"n": 1');
    await expect.poll(() => page.getByText('GraphQL variables are not valid JSON').count()).toBe(1);
    await page.getByRole('textbox', { name: 'GraphQL variables' }).fill('{"n": 1}');
    await page.getByLabel('Operation name').fill('Items');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toContain('200');
    const sent = server.received.at(-1);
    expect(sent?.verdict.ok).toBe(true);
    expect(sent?.contentType).toBe('application/json');
    expect(sent?.body).toEqual({
      query: 'query Items($n: Int) { items(limit: $n) { id name } }',
      variables: { n: 1 },
      operationName: 'Items',
    });
    await expect.poll(() => page.getByTestId('response-body').textContent()).toContain('"first"');

    // Introspection is signed like any request: with a wrong secret the server refuses it, and the editor says so.
    await page.getByRole('tab', { name: /^Auth/ }).click();
    await page.getByLabel('Secret access key').fill('not-the-secret/000000000000000000000000');
    // The request editor's Body tab (the response has one too, below it).
    await page.getByRole('tab', { name: 'Body' }).first().click();
    await page.getByRole('button', { name: 'Fetch schema' }).click();
    await expect
      .poll(() => page.getByTestId('graphql-schema-note').textContent())
      .toBe('The schema could not be read: the server answered 401 Unauthorized');
    expect(server.received.at(-1)?.verdict).toMatchObject({ ok: false, reason: 'SignatureDoesNotMatch' });
  });
});
