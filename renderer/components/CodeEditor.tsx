import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { xml } from '@codemirror/lang-xml';
import { bracketMatching, foldGutter, foldKeymap, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  keymap,
  lineNumbers,
  MatchDecorator,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';
import { referencePattern } from '../../shared/variables/references';
import { referenceMark, type DescribeReference } from './reference-look';

/** The languages the body editor knows. */
export type CodeLanguage = 'json' | 'xml' | 'text';

interface CodeEditorProps {
  value: string;
  language: CodeLanguage;
  /** The accessible name of the editable area, e.g. "Request body". */
  label: string;
  onChange(value: string): void;
  /** Marks `{{references}}` as resolved or not. */
  describeReference?: DescribeReference | undefined;
  /** More language support (GraphQL with its schema); reconfigured when it changes. */
  extensions?: Extension | undefined;
}

/** Colours from the app's own CSS variables, so light and dark themes both apply. */
const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--accent)' },
  { tag: [tags.string, tags.attributeValue], color: 'var(--ok)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--warn)' },
  { tag: [tags.tagName, tags.angleBracket], color: 'var(--accent)' },
  { tag: tags.comment, color: 'var(--muted)' },
]);

/** The editor's look, from the app's CSS variables (they inherit into the shadow root). */
const look = EditorView.theme({
  '&': {
    fontSize: '13px',
    minHeight: '180px',
    maxHeight: '50vh',
    color: 'var(--text)',
    backgroundColor: 'var(--bg)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
  },
  '&.cm-focused': { outline: '2px solid var(--accent)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--text)', minHeight: '180px' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'transparent' },
  // The same marks as `.var-ref` in styles.css, which does not reach into the shadow root.
  '.var-ref': { borderRadius: '3px' },
  '.var-ref.is-resolved': { backgroundColor: 'color-mix(in srgb, var(--variable) 18%, transparent)' },
  '.var-ref.is-unresolved': {
    backgroundColor: 'color-mix(in srgb, var(--bad) 14%, transparent)',
    textDecoration: 'underline wavy var(--bad)',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
  },
});

function languageOf(language: CodeLanguage): Extension {
  if (language === 'json') return [json(), linter(jsonParseLinter(), { delay: 250 }), lintGutter()];
  if (language === 'xml') return xml();
  return [];
}

/** Marks every `{{reference}}` in view, as `describe` sees it. */
function referenceHighlighting(describe: DescribeReference | undefined): Extension {
  if (!describe) return [];
  const decorator = new MatchDecorator({
    regexp: referencePattern(),
    decoration: (match) => {
      const name = (match[1] as string).trim();
      if (name === '') return null;
      const { className, ...attributes } = referenceMark(name, describe);
      return Decoration.mark({ class: className, attributes });
    },
  });
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorator.createDeco(view);
      }
      update(update: ViewUpdate) {
        this.decorations = decorator.updateDeco(update, this.decorations);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}

/**
 * CodeMirror 6 for request bodies: highlighting, folding, bracket matching, undo, and JSON
 * checked as you type. Styles go through constructable stylesheets, which the app's CSP allows.
 */
export function CodeEditor({ value, language, label, onChange, describeReference, extensions }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | undefined>(undefined);
  const languageSlot = useRef(new Compartment());
  const referencesSlot = useRef(new Compartment());
  const extensionsSlot = useRef(new Compartment());
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return undefined;
    // Security: inside a shadow root CodeMirror styles itself with constructable stylesheets; in
    // the document it would add <style> elements, which the app's CSP (style-src 'self') refuses.
    const shadow = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    shadow.replaceChildren(parent);
    const editor = new EditorView({
      parent,
      root: shadow,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          foldGutter(),
          history(),
          bracketMatching(),
          syntaxHighlighting(highlight),
          keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, indentWithTab]),
          languageSlot.current.of(languageOf(language)),
          referencesSlot.current.of(referenceHighlighting(describeReference)),
          extensionsSlot.current.of(extensions ?? []),
          EditorView.lineWrapping,
          look,
          EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = undefined;
    };
    // Created once; value, language and reference changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: languageSlot.current.reconfigure(languageOf(language)) });
  }, [language]);

  useEffect(() => {
    view.current?.dispatch({ effects: referencesSlot.current.reconfigure(referenceHighlighting(describeReference)) });
  }, [describeReference]);

  useEffect(() => {
    view.current?.dispatch({ effects: extensionsSlot.current.reconfigure(extensions ?? []) });
  }, [extensions]);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} className="code-editor" />;
}
