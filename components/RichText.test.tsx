import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { code, rich } from '@/core/command-values';
import { RichText } from './RichText';

const container = document.createElement('div');
document.body.append(container);
const show = (text: Parameters<typeof RichText>[0]['text']) => act(() => render(<RichText text={text} />, container));

afterEach(() => act(() => render(null, container)));

describe('RichText: page strings never become formatting', () => {
  it('shows the extension’s code spans as code', () => {
    show(rich`run \`openclaw gateway status\` now`);
    expect([...container.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['openclaw gateway status']);
    expect(container.textContent).toBe('run openclaw gateway status now');
  });

  it('a plain string with backticks and markup renders as text only', () => {
    const page = 'x`<b>bold</b>`y `<img src=x onerror=alert(1)>`';
    show(rich`key ${page}`);
    expect(container.querySelectorAll('code, b, img')).toHaveLength(0);
    expect(container.textContent).toBe(`key ${page}`);
  });

  it('a code segment with backticks and markup is one code element holding text', () => {
    const key = 'openclaw.device.auth.v1:ws://x`<b>`y`';
    show(rich`Cleared (${code(key)}).`);
    const codes = container.querySelectorAll('code');
    expect(codes).toHaveLength(1);
    expect(codes[0]!.textContent).toBe(key);
    expect(codes[0]!.children).toHaveLength(0);
    expect(container.querySelector('b')).toBeNull();
  });
});
