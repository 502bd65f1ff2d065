import { Button, Result } from 'antd';
import { useT } from '../i18n/i18n-context';

/** The last line of defence for an error thrown while routing. */
export function RouteError() {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('error.screenTitle')}
      subTitle={t('error.screenText')}
      extra={
        <Button type="primary" onClick={() => window.location.assign('/')}>
          {t('action.reloadPage')}
        </Button>
      }
    />
  );
}
