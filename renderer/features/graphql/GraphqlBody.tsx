import { autocompletion } from '@codemirror/autocomplete';
import { graphql } from 'cm6-graphql';
import { GraphQLError, parse, validate, type GraphQLSchema } from 'graphql';
import { useMemo, useState } from 'react';
import type { GraphqlParts } from '../../../shared/graphql/graphql-body';
import { composeGraphqlBody } from '../../../shared/graphql/graphql-body';
import { CodeEditor } from '../../components/CodeEditor';
import type { DescribeReference } from '../../components/reference-look';
import type { IntrospectionOutcome } from './introspect';

/** Schemas read this session, by endpoint URL: a tab switch or reopen keeps completion. */
const schemas = new Map<string, GraphQLSchema>();

/** What is wrong with the query: a syntax error, or errors against the schema when there is one. */
function queryProblems(query: string, schema: GraphQLSchema | undefined): string[] {
  if (query.trim() === '') return [];
  try {
    const document = parse(query);
    return schema ? validate(schema, document).map((error) => error.message) : [];
  } catch (error) {
    return [error instanceof GraphQLError ? error.message : String(error)];
  }
}

/**
 * The GraphQL body: query (highlighted, completed and checked against the schema once it is
 * fetched), variables as JSON, and an operation name. Sent as one JSON POST body, signed like any.
 */
export function GraphqlBody({
  url,
  parts,
  onChange,
  onIntrospect,
  describeReference,
}: {
  url: string;
  parts: GraphqlParts;
  onChange(patch: Partial<GraphqlParts>): void;
  onIntrospect?: (() => Promise<IntrospectionOutcome>) | undefined;
  describeReference?: DescribeReference | undefined;
}) {
  const endpoint = url.trim();
  const [schema, setSchema] = useState<GraphQLSchema | undefined>(() => schemas.get(endpoint));
  const [note, setNote] = useState<{ ok: boolean; text: string } | undefined>();
  const [isFetching, setIsFetching] = useState(false);
  const current = schemas.get(endpoint) ?? schema;
  const extensions = useMemo(() => [graphql(current), autocompletion()], [current]);
  const problems = useMemo(() => queryProblems(parts.query, current), [parts.query, current]);
  const variables = composeGraphqlBody({ ...parts, query: '' });

  const fetchSchema = async () => {
    if (!onIntrospect) return;
    setIsFetching(true);
    const outcome = await onIntrospect();
    setIsFetching(false);
    if (!outcome.ok) return setNote({ ok: false, text: outcome.message });
    schemas.set(endpoint, outcome.schema);
    setSchema(outcome.schema);
    const types = Object.keys(outcome.schema.getTypeMap()).filter((name) => !name.startsWith('__')).length;
    const roots = [
      outcome.schema.getQueryType(),
      outcome.schema.getMutationType(),
      outcome.schema.getSubscriptionType(),
    ]
      .flatMap((type) => (type ? [type.name] : []))
      .join(', ');
    setNote({
      ok: true,
      text: `Schema loaded: ${types} types (${roots}). The query is completed and checked against it.`,
    });
  };

  return (
    <div className="graphql-body">
      <div className="row">
        <span className="form-label">Query</span>
        {onIntrospect && (
          <button type="button" onClick={() => void fetchSchema()} disabled={isFetching || endpoint === ''}>
            {isFetching ? 'Fetching schema…' : 'Fetch schema'}
          </button>
        )}
        {note && (
          <span className={note.ok ? 'hint' : 'warning'} role="status" data-testid="graphql-schema-note">
            {note.text}
          </span>
        )}
      </div>
      <CodeEditor
        label="GraphQL query"
        language="text"
        extensions={extensions}
        value={parts.query}
        onChange={(query) => onChange({ query })}
        describeReference={describeReference}
      />
      {problems.length > 0 && (
        <ul className="warning" role="status" aria-label="GraphQL problems" data-testid="graphql-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <span className="form-label">Variables (JSON)</span>
      <CodeEditor
        label="GraphQL variables"
        language="json"
        value={parts.variables}
        onChange={(text) => onChange({ variables: text })}
        describeReference={describeReference}
      />
      {!variables.ok && (
        <p className="warning" role="status">
          {variables.message}
        </p>
      )}
      <div className="form-grid">
        <label htmlFor="graphql-operation">Operation name</label>
        <input
          id="graphql-operation"
          value={parts.operationName}
          spellCheck={false}
          placeholder="optional: which operation of the document to run"
          onChange={(event) => onChange({ operationName: event.target.value })}
        />
      </div>
      <p className="hint">Sent as a JSON POST body (query, variables, operationName); signed from the exact bytes.</p>
    </div>
  );
}
