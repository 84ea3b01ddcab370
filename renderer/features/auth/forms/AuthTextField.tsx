import type { DescribeReference } from '../../../components/reference-look';
import { VariableInput } from '../../../components/VariableInput';

/** A labelled one-line field of an auth form: `{{variables}}` shown as they resolve, no autocomplete or spelling. */
export function AuthTextField({
  id,
  label,
  value,
  placeholder,
  describeReference,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  placeholder?: string | undefined;
  describeReference?: DescribeReference | undefined;
  onChange(value: string): void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <VariableInput
        id={id}
        value={value}
        autoComplete="off"
        spellCheck={false}
        describeReference={describeReference}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
      />
    </>
  );
}
