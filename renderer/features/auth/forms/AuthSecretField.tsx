import type { ComponentProps } from 'react';
import { SecretField } from '../SecretField';

/** A labelled secret field of an auth form: write-only, typed text to the vault, `{{references}}` kept as typed. */
export function AuthSecretField({ label, ...field }: ComponentProps<typeof SecretField> & { label: string }) {
  return (
    <>
      <label htmlFor={field.id}>{label}</label>
      <SecretField {...field} />
    </>
  );
}
