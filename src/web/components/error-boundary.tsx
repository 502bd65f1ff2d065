import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { useT } from '../i18n/i18n-context';

function Fallback({ onRetry }: { onRetry: () => void }) {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('error.screenTitle')}
      subTitle={t('error.screenText')}
      extra={[
        <Button key="retry" onClick={onRetry}>
          {t('action.retry')}
        </Button>,
        <Button key="reload" type="primary" onClick={() => window.location.reload()}>
          {t('action.reloadPage')}
        </Button>,
      ]}
    />
  );
}

interface Props {
  children: ReactNode;
  /** Changing this (e.g. the path) clears a previous error. */
  resetKey?: string;
}

/** Keeps a failing screen (or a chunk that failed to load after a new release) from blanking the whole app. */
export class ErrorBoundary extends Component<Props, { error: Error | null; key: string | undefined }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: string | undefined }) {
    if (props.resetKey !== state.key) return { error: null, key: props.resetKey };
    return null;
  }

  override render() {
    if (this.state.error) return <Fallback onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
