import { Modal } from 'antd';
import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { useT } from '../../i18n/i18n-context';
import type { FrameworkEditor } from './use-framework-editor';

/**
 * Keeps unsaved edits from being lost: leaving the page first saves the draft; when that fails (invalid value,
 * offline), the user chooses to stay or to leave without the last changes. Closing the tab asks the browser.
 */
export function LeaveGuard({ editor }: { editor: FrameworkEditor }) {
  const t = useT();
  const pending = editor.editable && editor.pending;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => pending && currentLocation.pathname !== nextLocation.pathname);
  const { flush } = editor;

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    let cancelled = false;
    void flush().then((ok) => {
      if (cancelled || blocker.state !== 'blocked') return;
      if (ok) blocker.proceed();
    });
    return () => {
      cancelled = true;
    };
  }, [blocker, flush]);

  useEffect(() => {
    if (!pending) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [pending]);

  const stuck = blocker.state === 'blocked' && (editor.state.kind === 'invalid' || editor.state.kind === 'error' || editor.state.kind === 'conflict');
  return (
    <Modal
      open={stuck}
      title={t('fw.leave.title')}
      okText={t('fw.leave.leave')}
      okButtonProps={{ danger: true }}
      cancelText={t('fw.leave.stay')}
      onOk={() => blocker.state === 'blocked' && blocker.proceed()}
      onCancel={() => blocker.state === 'blocked' && blocker.reset()}
    >
      <p>{t('fw.leave.text')}</p>
      {editor.state.kind === 'invalid' || editor.state.kind === 'error' || editor.state.kind === 'conflict' ? <p className="pi-muted">{editor.state.message}</p> : null}
    </Modal>
  );
}
