/** How the editor shows one `{{name}}`: whether a send would fill it, and its tooltip. */
export interface ReferenceLook {
  isResolved: boolean;
  title: string;
}

/** Describes a reference by its trimmed name. */
export type DescribeReference = (name: string) => ReferenceLook;

/** The attributes of a highlighted reference, the same in inputs and in the body editor (tests read `data-*`). */
export interface ReferenceMark {
  className: string;
  title: string;
  'data-variable': string;
  'data-state': 'resolved' | 'unresolved';
}

/** The mark of `{{name}}` as `describe` sees it. */
export function referenceMark(name: string, describe: DescribeReference): ReferenceMark {
  const { isResolved, title } = describe(name);
  return {
    className: `var-ref ${isResolved ? 'is-resolved' : 'is-unresolved'}`,
    title,
    'data-variable': name,
    'data-state': isResolved ? 'resolved' : 'unresolved',
  };
}
