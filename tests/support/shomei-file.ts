/** The text of a Shomei collection file named `name` holding `items`, as a shared file would arrive. */
export function shomeiCollectionFile(name: string, items: readonly object[], settings?: object): string {
  return JSON.stringify({
    format: 'shomei.collection',
    formatVersion: 1,
    collection: { id: 'shared', name, items, ...(settings ? { settings } : {}) },
  });
}
