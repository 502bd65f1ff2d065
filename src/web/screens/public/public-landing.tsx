import { RightOutlined } from '@ant-design/icons';
import { List, Result, Skeleton, Typography } from 'antd';
import { Link, Navigate } from 'react-router';
import { usePublicProvinces } from '../../api/publication';
import { EmptyState } from '../../components/empty-state';
import { useDocumentTitle } from '../../components/use-document-title';
import { useLang, useT } from '../../i18n/i18n-context';
import { PublicShell } from './public-shell';
import { rememberedPublicProvince } from './public-province';

/**
 * `/public`: a citizen never types a code. The only province with published results opens at once (as does the one this
 * device looked at last); with several, they are listed to choose from.
 */
export default function PublicLanding() {
  const t = useT();
  const { lang } = useLang();
  useDocumentTitle(t('public.title'));
  const provinces = usePublicProvinces();
  const remembered = rememberedPublicProvince();
  const list = provinces.data ?? [];
  const only = list.length === 1 ? list[0]!.code : null;
  const known = remembered && list.some((p) => p.code === remembered) ? remembered : null;
  if (only ?? known) return <Navigate to={`/public/${encodeURIComponent((only ?? known)!)}`} replace />;
  return (
    <PublicShell provinceName={null}>
      <div className="pi-pub-landing">
        <Typography.Title level={1} className="pi-pub-title">
          {t('public.title')}
        </Typography.Title>
        {provinces.isPending ? (
          <Skeleton active />
        ) : provinces.error ? (
          <Result status="warning" title={t('error.loadFailed')} subTitle={provinces.error.message} />
        ) : list.length === 0 ? (
          <EmptyState title={t('public.noProvinces')} hint={t('public.noProvincesHint')} />
        ) : (
          <>
            <Typography.Paragraph>{t('public.chooseProvince')}</Typography.Paragraph>
            <List
              bordered
              dataSource={list}
              renderItem={(p) => (
                <List.Item>
                  <Link to={`/public/${encodeURIComponent(p.code)}`} className="pi-pub-province-link" data-testid={`province-${p.code}`}>
                    <span>
                      <strong>{lang === 'en' && p.nameEn ? p.nameEn : p.nameVi}</strong>
                      <br />
                      <Typography.Text type="secondary">{t('public.latestYear', { year: p.latestYear })}</Typography.Text>
                    </span>
                    <RightOutlined aria-hidden />
                  </Link>
                </List.Item>
              )}
            />
          </>
        )}
      </div>
    </PublicShell>
  );
}
