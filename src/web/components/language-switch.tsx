import { Segmented } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { saveLanguage, type Me } from '../api/auth';
import { ME_KEY } from '../api/keys';
import { useLang, useT } from '../i18n/i18n-context';
import type { Lang } from '../i18n/translate';

/** Tiếng Việt / English, one click; remembered on this device and, when logged in, on the account. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const qc = useQueryClient();
  const change = (next: Lang) => {
    setLang(next);
    const me = qc.getQueryData<Me | null>(ME_KEY);
    if (me) {
      qc.setQueryData<Me | null>(ME_KEY, (old) => (old ? { ...old, user: { ...old.user, lang: next } } : old));
      saveLanguage(next).catch(() => {
        /* the choice still applies on this device; the account keeps its previous preference */
      });
    }
  };
  return (
    <Segmented<Lang>
      size={size}
      aria-label={t('lang.switch')}
      value={lang}
      onChange={change}
      options={[
        // On a phone the labels shrink to VI / EN; the full names stay for screen readers.
        {
          label: (
            <span lang="vi">
              <span className="pi-lang-long">Tiếng Việt</span>
              <span className="pi-lang-short" aria-hidden="true">
                VI
              </span>
            </span>
          ),
          value: 'vi',
        },
        {
          label: (
            <span lang="en">
              <span className="pi-lang-long">English</span>
              <span className="pi-lang-short" aria-hidden="true">
                EN
              </span>
            </span>
          ),
          value: 'en',
        },
      ]}
    />
  );
}
