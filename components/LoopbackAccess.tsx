import { useEffect, useState } from 'preact/hooks';
import { browserLoopbackAccess, type LoopbackAccess as Access } from '@/lib/loopback-access';

/**
 * A notice, shown only while the browser withholds access to the loopback addresses (Firefox
 * lets the user turn it off; see lib/loopback-access.ts), with the button that asks for it back.
 * Renders nothing while access is granted, as it is from install on (Chrome also lets the user
 * withhold it, under "Site access").
 */
export function LoopbackAccess({ access = browserLoopbackAccess }: { access?: Access }) {
  const [granted, setGranted] = useState<boolean | null>(null);
  const [result, setResult] = useState<'allowed' | 'refused' | null>(null);
  useEffect(() => {
    let live = true;
    void access.granted().then((value) => live && setGranted(value));
    return () => {
      live = false;
    };
  }, [access]);

  if (result === 'allowed') {
    return (
      <p class="status" role="status">
        Allowed. Reload the dashboard to start.
      </p>
    );
  }
  if (granted !== false) return null;
  // No await before the request: the browser asks only inside the click.
  const allow = () => void access.request().then((ok) => setResult(ok ? 'allowed' : 'refused'));
  return (
    <section class="notice" aria-label="Access to local addresses">
      <p>
        The extension may not run on local addresses (127.0.0.1, localhost) right now, so it cannot see a dashboard
        there. The browser lets you turn this off (Firefox: in the add-ons manager or the extensions menu); allow it
        again to use the extension on your local dashboard.
      </p>
      <button type="button" class="primary" onClick={allow}>
        Allow on local addresses
      </button>
      {result === 'refused' && (
        <p class="status" role="status">
          The browser did not allow it. In Firefox you can also allow it in about:addons → OpenClaw Token Fixer →
          Permissions; in Chrome, in the extension's details → Site access.
        </p>
      )}
    </section>
  );
}
