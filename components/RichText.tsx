import type { Rich } from '@/core/command-values';

/**
 * Rich text from `rich` (core/command-values): plain segments as text, code segments as
 * `<code>` holding text. Nothing is parsed here, so no string, the page's or ours, can make markup
 * or code by its characters (backticks, `<b>`): only the segments the extension built can.
 */
export function RichText({ text }: { text: Rich }) {
  return <>{text.map((segment) => (typeof segment === 'string' ? segment : <code>{segment.code}</code>))}</>;
}
