/**
 * The CodeMirror 6 SQL editor behind `SqlEditor.svelte`: SQL highlighting, completion of
 * table and column names, Ctrl/Cmd+Enter to run, the app's light and dark colours.
 * `SqlEditor.svelte` imports this module dynamically, so CodeMirror (a third of the page's
 * JavaScript) is a chunk of its own, fetched from the same origin when an editor is first
 * shown, instead of being parsed and run on every page load.
 */
import { EditorView, basicSetup } from 'codemirror';
import { keymap, placeholder as cmPlaceholder } from '@codemirror/view';
import { Compartment, Prec } from '@codemirror/state';
import { sql, PostgreSQL } from '@codemirror/lang-sql';
import { editorTheme } from './editorTheme.js';

/** What the component can do with a created editor. */
export interface SqlEditorHandle {
  value(): string;
  setValue(text: string): void;
  setSchema(schema: Record<string, string[]>): void;
  setTheme(theme: 'light' | 'dark'): void;
  /** Moves the cursor to the start of a 1-based line, scrolls it into view and focuses the editor. */
  goToLine(line: number): void;
  destroy(): void;
}

export interface SqlEditorOptions {
  doc: string;
  schema: Record<string, string[]>;
  placeholder: string;
  label: string;
  readonly: boolean;
  theme: 'light' | 'dark';
  onRun: () => void;
  onChange: (text: string) => void;
}

const language = (schema: Record<string, string[]>) => sql({ dialect: PostgreSQL, schema, upperCaseKeywords: true });

/** Creates the editor inside `parent`. */
export function createSqlEditor(parent: HTMLElement, o: SqlEditorOptions): SqlEditorHandle {
  const lang = new Compartment();
  const colours = new Compartment();
  const view = new EditorView({
    parent,
    doc: o.doc,
    extensions: [
      Prec.highest(
        keymap.of([
          {
            key: 'Mod-Enter',
            run: () => {
              o.onRun();
              return true;
            },
          },
        ]),
      ),
      basicSetup,
      colours.of(editorTheme(o.theme)),
      lang.of(language(o.schema)),
      cmPlaceholder(o.placeholder),
      EditorView.editable.of(!o.readonly),
      EditorView.contentAttributes.of({ 'aria-label': o.label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) o.onChange(u.state.doc.toString());
      }),
      EditorView.theme({ '&': { fontSize: '13px' }, '.cm-scroller': { fontFamily: 'var(--mono)' } }),
    ],
  });
  return {
    value: () => view.state.doc.toString(),
    setValue: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    setSchema: (schema) => view.dispatch({ effects: lang.reconfigure(language(schema)) }),
    setTheme: (theme) => view.dispatch({ effects: colours.reconfigure(editorTheme(theme)) }),
    goToLine: (line) => {
      const doc = view.state.doc;
      const pos = doc.line(Math.min(Math.max(1, line), doc.lines)).from;
      view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
