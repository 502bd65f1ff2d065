import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { createQueryClient } from './api/query-client';
import { I18nProvider, useLang } from './i18n/i18n-context';
import { createRouter } from './router';
import { theme } from './theme';

function Themed() {
  const { lang } = useLang();
  const [router] = useState(createRouter);
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme} componentSize="middle">
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

/** Providers: server state, language, antd theme and locale, routes (the selected year lives in the app layout). */
export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
