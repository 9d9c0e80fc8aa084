/**
 * No user-facing literal in the components: every word a user reads comes from the locale files
 * (`t(…)`). Reads each component with the TypeScript compiler and fails on JSX text with a
 * letter in it, on string attributes people read (aria-label, title, placeholder, alt…), and on
 * string literals inside JSX expressions (`{busy ? 'Saving…' : …}`) outside attributes that
 * hold no words (class, type…). Non-words (symbols, commands) are allowed by name below.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const DIR = import.meta.dirname;
/** Attributes whose strings people read or hear. */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-placeholder', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label', 'value']);
/** Attributes whose strings are not words. */
const CODE_ATTRIBUTES = new Set(['class', 'className', 'type', 'id', 'for', 'htmlFor', 'name', 'role', 'href', 'rel', 'target', 'lang', 'dir', 'key', 'autocomplete', 'autoCapitalize', 'inputMode', 'aria-invalid', 'spellcheck', 'aria-live', 'aria-labelledby', 'aria-describedby', 'aria-controls', 'aria-expanded', 'aria-hidden', 'aria-current', 'data-kind']);
/** Strings with letters that are not language: symbols, separators, command words. */
const ALLOWED = new Set<string>(['Esc', 'Ctrl', '⌘', 'Ctrl+Shift+N', '…', 'http://192.168.1.20:18789/', 'localhost', 'unauthorized: device token mismatch (rotate/reissue device token)', 'openclaw']);

const hasWord = (text: string) => /\p{L}{2,}/u.test(text) && !ALLOWED.has(text.trim());

/** The user-facing literals of a TSX source, as `line: text`. */
export function literalsIn(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.trim()}`);
  const attributeOf = (node: ts.Node): string | null => {
    for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
      if (ts.isJsxAttribute(at)) return at.name.getText(file);
      if (ts.isJsxElement(at) || ts.isJsxSelfClosingElement(at) || ts.isJsxFragment(at)) return null;
    }
    return null;
  };
  const insideJsx = (node: ts.Node): boolean => {
    for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
      // A call's arguments are not shown as such (t('banner.undo'), displayText(x, 64), new URL(…)).
      if (ts.isCallExpression(at) || ts.isNewExpression(at)) return false;
      if (ts.isJsxExpression(at) || ts.isJsxAttribute(at)) return true;
    }
    return false;
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (hasWord(node.text)) report(node, node.text);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ') : node.text;
      // A value compared with (`status === 'opened'`) or switched on is data, not text.
      const parent = node.parent;
      const compared =
        (ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(parent.operatorToken.kind)) ||
        ts.isCaseClause(parent) || ts.isElementAccessExpression(parent) || ts.isPropertyAccessExpression(parent);
      const attribute = attributeOf(node);
      const shown = insideJsx(node) && (!attribute || READ_ATTRIBUTES.has(attribute) || (!CODE_ATTRIBUTES.has(attribute) && !attribute.startsWith('on')));
      if (shown && !compared && hasWord(text)) report(node, text);
      if (ts.isTemplateExpression(node)) return; // its spans are expressions, visited as such below
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

const components = readdirSync(DIR).filter((name) => name.endsWith('.tsx') && !name.includes('.test.'));

describe('components', () => {
  it.each(components)('%s has no user-facing literal', (name) => {
    expect(literalsIn(name, readFileSync(path.join(DIR, name), 'utf8'))).toEqual([]);
  });

  it('finds the literals it is meant to find', () => {
    const found = literalsIn(
      'x.tsx',
      `const a = <p class="status" aria-label="Close it" title={'Some title'}>Hello there {busy ? 'Saving…' : t('x')} {\`\${n} items\`} <code>{'gateway token'}</code></p>;
       const b = <button type="button" onClick={() => run('fine')}>{t('ok')} ✕ →</button>;`,
    );
    expect(found.map((line) => line.replace(/^\d+: /, ''))).toEqual(['Close it', 'Some title', 'Hello there', 'Saving…', 'items', 'gateway token']);
  });
});

/**
 * Core's text builders whose every sentence is a locale message. A string literal there may be a
 * command, a key, a path or the page's own (English) error words, which are never translated.
 */
const CORE_TEXT_BUILDERS = ['fix-guide.ts'];
/** Literals that are words but not the extension's own: what the page and the CLI print, quoted as such. */
const CORE_ALLOWED = new Set(['device token mismatch', 'gateway token mismatch', 'connect failed', 'unauthorized']);
/** Commands and their parts (`openclaw …`, `docker …`, `ssh …`, `config get`, `devices rotate`, options). */
const COMMAND = /^(openclaw|docker|ssh|config|devices|--)\b|^\s*--/;

/** Prose in a core `.ts` source, as `line: text`: a `rich` template, or a string of two words or more that is not a command. */
export function proseIn(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.trim()}`);
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node)) {
      report(node, node.getText(file));
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ') : node.text;
      if (/\p{L}{2,}\s+\p{L}{2,}/u.test(text) && !COMMAND.test(text) && !CORE_ALLOWED.has(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('core text builders', () => {
  it.each(CORE_TEXT_BUILDERS)('core/%s has no English sentence of its own', (name) => {
    expect(proseIn(name, readFileSync(path.join(DIR, '../core', name), 'utf8'))).toEqual([]);
  });

  it('finds the prose it is meant to find', () => {
    const found = proseIn(
      'x.ts',
      "const a = rich`Run ${x}:`; const b = 'on the gateway host'; const c = 'openclaw gateway restart'; const d = 'gateway token mismatch'; const e = `--url ws://${h} --token`;",
    );
    expect(found.map((line) => line.replace(/^\d+: /, ''))).toEqual(['rich`Run ${x}:`', 'on the gateway host']);
  });
});
