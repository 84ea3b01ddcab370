import { splitReferences } from '../../../shared/variables/references';
import type { EditorDraft } from '../request/request-draft';

/**
 * The `{{names}}` the draft uses where a send substitutes them — the URL (which holds the enabled
 * params), enabled headers, the body, the AWS region, service and `~/.aws` profile — in order,
 * without duplicates. Disabled rows are left out, as the send leaves them out.
 */
export function draftReferences(draft: EditorDraft): string[] {
  const texts = [draft.url, ...enabledTexts(draft.headers), ...bodyTexts(draft)];
  if (draft.authType === 'aws-sigv4') {
    texts.push(draft.aws.region, draft.aws.service);
    if (draft.aws.credentialChoice === 'aws-profile') texts.push(draft.aws.awsProfile);
  }
  const names = texts.flatMap((text) => splitReferences(text).flatMap((piece) => piece.name ?? []));
  return [...new Set(names)];
}

function bodyTexts(draft: EditorDraft): string[] {
  switch (draft.bodyKind) {
    case 'json':
    case 'text':
    case 'xml':
      return [draft.bodyText];
    case 'form':
      return enabledTexts(draft.formRows);
    case 'multipart':
      // A file part's value is its path, which the send substitutes too.
      return enabledTexts(draft.parts);
    case 'binary':
      return [draft.binaryPath];
    case 'graphql':
      return [draft.graphql.query, draft.graphql.variables, draft.graphql.operationName];
    case 'none':
      return [];
  }
}

function enabledTexts(rows: ReadonlyArray<{ name: string; value: string; isEnabled: boolean }>): string[] {
  return rows.filter((row) => row.isEnabled).flatMap((row) => [row.name, row.value]);
}
