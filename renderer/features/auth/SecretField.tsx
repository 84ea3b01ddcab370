import { isOnlyReferences, type SecretRef } from '../../../shared/contract/auth';
import type { DescribeReference } from '../../components/reference-look';
import { VariableInput } from '../../components/VariableInput';

/** Values typed into secret fields, by vault id, until the next send or save writes them to the vault. */
export interface PendingSecrets {
  values: Readonly<Record<string, string>>;
  set(id: string, value: string | undefined): void;
}

/** A new id for a value an auth field keeps in the vault. */
export function newAuthSecretId(): string {
  return `auth_${crypto.randomUUID().replace(/-/g, '')}`;
}

interface SecretFieldProps {
  id: string;
  value: SecretRef;
  onChange(value: SecretRef): void;
  pending: PendingSecrets;
  describeReference?: DescribeReference | undefined;
  placeholder?: string | undefined;
}

/**
 * A write-only secret input (a token, a password, an API key). `{{variables}}` are kept as typed;
 * anything else goes to the vault under an id on the next send or save, and the field then shows
 * only that a value is kept — never the value.
 */
export function SecretField({ id, value, onChange, pending, describeReference, placeholder }: SecretFieldProps) {
  const typed = value.kind === 'vault' ? pending.values[value.id] : undefined;
  const text = value.kind === 'variables' ? value.text : (typed ?? '');
  const isReference = value.kind === 'variables' && value.text.trim() !== '';
  const change = (next: string) => {
    if (isOnlyReferences(next)) {
      if (value.kind === 'vault') pending.set(value.id, undefined);
      // An emptied field that was kept in the vault stays as it was until something new is typed.
      if (next === '' && value.kind === 'vault') return;
      return onChange({ kind: 'variables', text: next });
    }
    const secretId = value.kind === 'vault' ? value.id : newAuthSecretId();
    pending.set(secretId, next);
    if (value.kind !== 'vault') onChange({ kind: 'vault', id: secretId });
  };
  return (
    <VariableInput
      id={id}
      type={isReference ? 'text' : 'password'}
      value={text}
      autoComplete="off"
      spellCheck={false}
      describeReference={describeReference}
      placeholder={
        value.kind === 'vault' && typed === undefined
          ? 'Kept in the vault (type to replace)'
          : (placeholder ?? 'Value or {{variable}}')
      }
      onChange={(event) => change(event.target.value)}
    />
  );
}
