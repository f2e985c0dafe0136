/**
 * Colours of the SQL editor (CodeMirror) in the app's light and dark themes: token colours
 * with at least 4.5:1 contrast against the panel (`--panel`), and the editor chrome (cursor,
 * selection, active line, gutter) from the app's colour variables.
 */
import { EditorView } from '@codemirror/view';
import type { Extension } from '@codemirror/state';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags } from '@lezer/highlight';

/** Token colours per theme; contrast against #ffffff / #1b2129 noted. */
const TOKENS = {
  light: {
    keyword: '#7a1fa2' /* 8.3 */,
    string: '#a33a00' /* 6.6 */,
    number: '#116644' /* 7.0 */,
    comment: '#5b6675' /* 5.8 */,
    type: '#0b5394' /* 7.8 */,
    name: '#1b2430',
  },
  dark: {
    keyword: '#d4a5ff' /* 8.2 */,
    string: '#ffab70' /* 8.7 */,
    number: '#7ee2b8' /* 10.4 */,
    comment: '#9aa5b4' /* 6.5 */,
    type: '#8cc4ff' /* 8.8 */,
    name: '#e6e9ee',
  },
} as const;

function highlight(theme: 'light' | 'dark'): HighlightStyle {
  const c = TOKENS[theme];
  return HighlightStyle.define(
    [
      { tag: [tags.keyword, tags.operatorKeyword, tags.modifier, tags.controlKeyword], color: c.keyword },
      { tag: [tags.string, tags.special(tags.string), tags.character], color: c.string },
      { tag: [tags.special(tags.name), tags.quote], color: c.string },
      { tag: [tags.number, tags.bool, tags.null, tags.atom], color: c.number },
      { tag: [tags.comment, tags.lineComment, tags.blockComment], color: c.comment, fontStyle: 'italic' },
      { tag: [tags.typeName, tags.standard(tags.name)], color: c.type },
      { tag: [tags.name, tags.propertyName, tags.variableName, tags.punctuation, tags.operator], color: c.name },
      { tag: tags.invalid, color: theme === 'dark' ? '#ff7b72' : '#b42318' },
    ],
    { themeType: theme },
  );
}

/** The editor's look in a theme (put in a Compartment to switch themes). */
export function editorTheme(theme: 'light' | 'dark'): Extension {
  const chrome = EditorView.theme(
    {
      '&': { color: 'var(--text)', backgroundColor: 'var(--panel)' },
      '.cm-content': { caretColor: 'var(--text)' },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
        {
          backgroundColor: theme === 'dark' ? '#2f4a6e' : '#cfe0f5',
        },
      '.cm-activeLine': { backgroundColor: theme === 'dark' ? '#222a35' : '#f1f5fa' },
      '.cm-activeLineGutter': { backgroundColor: theme === 'dark' ? '#222a35' : '#e8eef6', color: 'var(--text)' },
      '.cm-gutters': { backgroundColor: 'var(--bg)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
      '.cm-placeholder': { color: 'var(--muted)' },
      '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--text)', border: '1px solid var(--border)' },
      '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent-weak)', color: 'var(--text)' },
      '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': {
        backgroundColor: theme === 'dark' ? '#2f4a6e' : '#d7e6f7',
        color: 'inherit',
      },
    },
    { dark: theme === 'dark' },
  );
  return [chrome, syntaxHighlighting(highlight(theme))];
}
