import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useE2eSession } from '../support/e2e-session';

const KEYS = { accessKeyId: 'AKIAE2EPRESIGN000001', secretAccessKey: 'e2ePresignSecret/0000000000000000000000' };

const e2e = useE2eSession({ keys: [KEYS] });


async function awsAuth() {
  const { page } = e2e.app;
  await page.getByRole('tab', { name: /^Auth/ }).click();
  await page.getByLabel('Auth type').selectOption({ label: 'AWS Signature' });
}

describe('signing presets and presigned URLs in the Auth tab', () => {
  it('follows the host for region and service, says so, and keeps what the user typed', async () => {
    const { page } = e2e.app;
    await awsAuth();
    await page.getByLabel('URL').fill('https://abc123.execute-api.ap-northeast-1.amazonaws.com/prod/items');
    expect(await page.getByLabel('Region').inputValue()).toBe('ap-northeast-1');
    expect(await page.getByLabel('Service').inputValue()).toBe('execute-api');
    expect(await page.getByTestId('signing-scope').textContent()).toBe('Signing as execute-api in ap-northeast-1 (API Gateway, from the URL)');
    await page.getByLabel('URL').fill('https://my-bucket.s3.eu-west-1.amazonaws.com/key.txt');
    expect(await page.getByLabel('Service').inputValue()).toBe('s3');
    expect(await page.getByLabel('Payload').locator('option').allTextContents()).toContain('UNSIGNED-PAYLOAD (the body is not covered by the signature)');
    await page.getByLabel('Region').fill('us-west-2');
    await page.getByLabel('URL').fill('https://xyz.lambda-url.eu-north-1.on.aws/');
    expect(await page.getByLabel('Region').inputValue()).toBe('us-west-2');
    expect(await page.getByTestId('signing-scope').textContent()).toMatch(/The URL says lambda in eu-north-1/);
    await page.getByRole('button', { name: 'Use it' }).click();
    expect(await page.getByLabel('Region').inputValue()).toBe('eu-north-1');
    expect(await page.getByLabel('Service').inputValue()).toBe('lambda');
  });

  it('makes a presigned URL the verifying server accepts, and one that has expired is refused', async () => {
    const { page } = e2e.app;
    await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/report.csv?b=2&a=1`);
    await awsAuth();
    await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
    await page.getByLabel('Region').fill('us-east-1');
    await page.getByLabel('Sign into').selectOption('query');
    await page.getByLabel('Expires in (s)').fill('60');
    await page.getByRole('button', { name: 'Copy presigned URL' }).click();
    const presigned = page.getByTestId('presigned-url');
    await presigned.waitFor();
    const url = await presigned.inputValue();
    expect(url).toMatch(/X-Amz-Expires=60/);
    expect(url).not.toContain(KEYS.secretAccessKey);
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(e2e.target.received.at(-1)?.verdict).toMatchObject({ ok: true, mode: 'query' });

    await page.getByLabel('Expires in (s)').fill('1');
    await page.getByRole('button', { name: 'Copy presigned URL' }).click();
    await expect.poll(() => presigned.inputValue()).toMatch(/X-Amz-Expires=1&/);
    const short = await presigned.inputValue();
    await new Promise((done) => setTimeout(done, 2100));
    const refused = await fetch(short);
    expect(refused.status).toBe(403);
    expect(e2e.target.received.at(-1)?.verdict.reason).toBe('ExpiredPresignedUrl');

    // Send with query signing: the request itself carries the signature in its URL.
    await page.getByLabel('Expires in (s)').fill('300');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('200 OK');
    expect(e2e.target.received.at(-1)?.target).toMatch(/X-Amz-Signature=/);
  });

  it('shows what was signed against what was sent, and matches what the server received', async () => {
    const { page } = e2e.app;
    await page.getByLabel('Method').selectOption('POST');
    await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/inspect?z=1&a=2`);
    await page.getByRole('tab', { name: 'Headers' }).click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').fill('X-Spaces');
    await page.getByLabel('Header 1 value').fill('a   b');
    await awsAuth();
    await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
    await page.getByLabel('Region').fill('us-east-1');
    // The preview signs exactly as Send will, without sending anything.
    const before = e2e.target.received.length;
    await page.getByRole('button', { name: 'Preview signature' }).click();
    const preview = await page.getByTestId('preview-canonical-request').textContent();
    expect(preview?.split('\n').slice(0, 3)).toEqual(['POST', '/prod/inspect', 'a=2&z=1']);
    expect(preview).toContain('x-spaces:a b');
    expect(e2e.target.received.length).toBe(before);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    await page.getByRole('tab', { name: 'Signature' }).click();
    const rows = await page.getByTestId('signed-vs-sent').locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row).toMatch(/✓ same$/);
    expect(rows.join('\n')).toContain('x-spacesa ba b');
    const received = e2e.target.received.at(-1);
    const canonical = await page.getByTestId('canonical-request').textContent();
    const amzDate = received?.rawHeaders.find(([name]) => name.toLowerCase() === 'x-amz-date')?.[1];
    expect(canonical).toContain(`x-amz-date:${amzDate}`);
    expect(received?.verdict.ok).toBe(true);
  });

  it('puts an AWS refusal in plain words', async () => {
    const { page } = e2e.app;
    e2e.target.routes.set('/prod/refused', (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'UnrecognizedClientException', 'x-amzn-requestid': 'e2e-1' });
      res.end('{"message":"The security token included in the request is invalid."}');
    });
    await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/refused`);
    await awsAuth();
    await page.getByLabel('Access key ID').fill(KEYS.accessKeyId);
    await page.getByLabel('Secret access key').fill(KEYS.secretAccessKey);
    await page.getByLabel('Region').fill('us-east-1');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('response-status').waitFor();
    expect(await page.getByTestId('response-status').textContent()).toBe('403 Forbidden');
    const panel = page.getByTestId('aws-error');
    await panel.waitFor();
    expect(await panel.textContent()).toMatch(/UnrecognizedClientException/);
  });

  it('shows curl that signs when it runs, and running it gets 200 from the verifier', async () => {
    const { page } = e2e.app;
    await page.getByLabel('Method').selectOption('POST');
    await page.getByLabel('URL').fill(`${e2e.target.origin}/prod/code?b=2&a=x y`);
    await page.getByRole('tab', { name: 'Body' }).click();
    await page.getByLabel('Body type').selectOption('json');
    await page.getByLabel('Request body').fill('{"from":"generated code"}');
    await awsAuth();
    await page.getByLabel('Region').fill('us-east-1');
    await page.getByRole('button', { name: 'Code', exact: true }).click();
    const code = (await page.getByTestId('generated-code').textContent()) ?? '';
    expect(code).toContain('--aws-sigv4');
    expect(code).not.toContain(KEYS.secretAccessKey);
    const before = e2e.target.received.length;
    // Asynchronously: the verifying server answers from this very process.
    await promisify(execFile)('bash', ['-c', code], { env: { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey } });
    expect(e2e.target.received.length).toBe(before + 1);
    expect(e2e.target.received.at(-1)?.verdict.ok).toBe(true);
    expect(e2e.target.received.at(-1)?.body.toString('utf8')).toBe('{"from":"generated code"}');
    await page.getByLabel('Language').selectOption('python-botocore');
    expect(await page.getByTestId('generated-code').textContent()).toContain('SigV4Auth');
  });
});
