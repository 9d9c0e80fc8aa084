import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
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
        {t('loopbackAccess.allowed')}
      </p>
    );
  }
  if (granted !== false) return null;
  // No await before the request: the browser asks only inside the click.
  const allow = () => void access.request().then((ok) => setResult(ok ? 'allowed' : 'refused'));
  return (
    <section class="notice" aria-label={t('loopbackAccess.label')}>
      <p>{t('loopbackAccess.body', { ipv4: '127.0.0.1', localhost: 'localhost' })}</p>
      <button type="button" class="primary" onClick={allow}>
        {t('loopbackAccess.allow')}
      </button>
      {result === 'refused' && (
        <p class="status" role="status">
          {t('loopbackAccess.refused')}
        </p>
      )}
    </section>
  );
}
