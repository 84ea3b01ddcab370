import { describe, expect, it } from 'vitest';
import { createImportContext } from '../../../../electron/core/io/io-types';
import { parseImportYaml } from '../../../../electron/core/io/import-yaml';
import {
  convertInsomniaTemplate,
  hasTemplateTag,
  noteTemplateTags,
} from '../../../../electron/core/io/insomnia-template';

/** What `noteTemplateTags` answered before it walked the values: the tag search over their JSON. */
const byJson = (resource: Record<string, unknown>): boolean =>
  hasTemplateTag(JSON.stringify([resource.url, resource.headers, resource.body, resource.parameters]));

const notes = (resource: Record<string, unknown>): boolean => {
  const context = createImportContext();
  noteTemplateTags(resource, 'Here', context);
  return context.dropped.length > 0;
};

describe('Insomnia template tags', () => {
  const cycle: Record<string, unknown> = { text: '{% x %}' };
  cycle.self = cycle;
  const resources: Record<string, unknown>[] = [
    {},
    { url: 'https://x/{% uuid %}' },
    { url: 'https://x/{%' },
    { url: '{%}' },
    { url: 'a{%', body: { text: 'b%}' } },
    { url: 'a%}', body: { text: '{%b' } },
    { url: '{% a', headers: [{ name: '%}', value: 'x' }] },
    { headers: [{ '{%': 1, '%}': 2 }] },
    { headers: [{ '{%': undefined, x: '%}' }] },
    { headers: [{ a: '{%', b: () => '%}' }], body: { text: 'no' } },
    { parameters: [undefined, '{%', null, 3, true, ['%}']] },
    { parameters: [{ value: '{% a' }], body: { text: '%} b' } },
    { body: { text: 'x "{%" \\ \n %}' } },
    { body: { text: '\uD800{%\uDFFF%}' } },
    { url: '{{ _.base }}/x', body: { mimeType: 'application/json', text: '{"a": "{{ _.b }}"}' } },
    { body: { when: new Date(0), text: '{%' } },
    { body: { tagged: { toJSON: () => '%}' }, text: '{%' } },
  ];

  it('are noted exactly when the JSON of the URL, headers, body and parameters holds a tag', () => {
    for (const resource of resources) expect(notes(resource), JSON.stringify(resource)).toBe(byJson(resource));
    expect(resources.map(notes).filter(Boolean)).toHaveLength(8);
  });

  it('are looked for in parsed YAML as in its JSON', () => {
    const resource = parseImportYaml('url: "{% a"\nheaders:\n  - { name: "x", value: "1" }\nbody: { text: "%}" }\n');
    expect(notes(resource as Record<string, unknown>)).toBe(true);
  });

  it('throw the same error as JSON.stringify on a cycle', () => {
    expect(() => notes({ body: cycle })).toThrow(/circular/i);
    expect(() => notes({ url: '{% a %}', body: { n: 1n } })).toThrow(/BigInt/i);
  });
});

describe('Insomnia template conversion', () => {
  it('leaves text without {{ as it is and converts references', () => {
    expect(convertInsomniaTemplate('plain text { } }}')).toBe('plain text { } }}');
    expect(convertInsomniaTemplate("{{ _.base }}/{{ _['id'] }}")).toBe('{{base}}/{{id}}');
    expect(convertInsomniaTemplate('{{_.a.b}} {{ name }} {{ _._.x }} {{ a["b"][c] }} {{ _ }} {{_x}}')).toBe(
      '{{a.b}} {{name}} {{_.x}} {{a.b.c}} {{_}} {{_x}}',
    );
    expect(convertInsomniaTemplate("{{ _['x'].y }} {{ _[x] }} {{ ['_'] }} {{ _.}}")).toBe('{{x.y}} {{x}} {{._}} {{}}');
  });
});

describe('Import YAML', () => {
  it('reads a file with no * through js-yaml and one with an alias through the limited parser', () => {
    expect(parseImportYaml('a: 1\nb: [x, y]\nc: "a*b"\n')).toEqual({ a: 1, b: ['x', 'y'], c: 'a*b' });
    expect(parseImportYaml('a: &x [1]\nb: *x\n')).toEqual({ a: [1], b: [1] });
  });
});
