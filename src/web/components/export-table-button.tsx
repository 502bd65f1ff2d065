import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps, Progress } from 'antd';
import { useRef, useState } from 'react';
import { type ExportCell, type ExportColumn, exportRefusal, exportTable, TABLE_EXPORT_LIMITS, toExportCell } from '../api/exports';
import { useLang, useT } from '../i18n/i18n-context';

/** A column of the exported table: its key, title and type, and how to read its value from a row (default: `row[key]`). */
export interface ExportColumnSpec<Row> extends Omit<ExportColumn, 'type'> {
  type?: ExportColumn['type'];
  value?: (row: Row) => unknown;
}

export interface ExportTableButtonProps<Row> extends Omit<ButtonProps, 'onClick' | 'loading' | 'title'> {
  /** Title of the sheet (first row) and default file name. */
  title: string;
  columns: readonly ExportColumnSpec<Row>[];
  /** The rows as shown, or a getter (e.g. to fetch every page of a paged table). */
  rows?: readonly Row[];
  getRows?: () => readonly Row[] | Promise<readonly Row[]>;
  /** The file name (".xlsx" added); default: from the title. */
  filename?: string;
  sheetName?: string;
  /** A line under the title: the filters in force, for instance. */
  subtitle?: string;
  /** Button text; default "Xuất Excel" / "Export to Excel". */
  label?: string;
}

/** Above this many rows the export shows its progress (preparing, sending, downloading). */
const LARGE = 2_000;
const CHUNK = 5_000;
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Exports a table to .xlsx through the server (POST /api/exports/table.xlsx), so no spreadsheet library ships to the
 * browser: numbers stay numbers, text stays text (never a formula). Large tables show their progress.
 */
export function ExportTableButton<Row>({ title, columns, rows, getRows, filename, sheetName, subtitle, label, icon, disabled, ...button }: ExportTableButtonProps<Row>) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const key = useRef(`export-${Math.random().toString(36).slice(2)}`).current;

  const show = (text: string, percent: number | null) =>
    void message.open({
      key,
      type: 'loading',
      duration: 0,
      content: (
        <span className="pi-export-progress" role="status" aria-live="polite">
          <strong>{t('exportTable.title', { title })}</strong> {text}
          {percent !== null && <Progress percent={Math.round(percent * 100)} size="small" style={{ width: 160, marginInlineStart: 8 }} />}
        </span>
      ),
    });

  const run = async () => {
    setBusy(true);
    try {
      const source = rows ?? (getRows ? await getRows() : []);
      const large = source.length >= LARGE;
      const fmt = (n: number) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
      if (source.length > TABLE_EXPORT_LIMITS.rows) {
        void message.error(t('exportTable.tooManyRows', { rows: fmt(source.length), max: fmt(TABLE_EXPORT_LIMITS.rows) }));
        return;
      }
      const cols: ExportColumn[] = columns.map(({ value: _value, type, ...c }) => ({ ...c, type: type ?? 'text' }));
      const out: Record<string, ExportCell>[] = [];
      for (let i = 0; i < source.length; i++) {
        const r = source[i]!;
        const cells: Record<string, ExportCell> = {};
        for (const c of columns) cells[c.key] = toExportCell(c.value ? c.value(r) : (r as Record<string, unknown>)[c.key]);
        out.push(cells);
        if (large && i % CHUNK === CHUNK - 1) {
          show(t('exportTable.preparing', { rows: fmt(source.length) }), (i + 1) / source.length);
          await nextFrame();
        }
      }
      const body = { title, ...(sheetName ? { sheetName } : {}), ...(subtitle ? { subtitle } : {}), columns: cols, rows: out };
      const refusal = exportRefusal(body, JSON.stringify(body));
      if (refusal) {
        const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
        void message.error(
          refusal.reason === 'rows'
            ? t('exportTable.tooManyRows', { rows: fmt(refusal.rows), max: fmt(TABLE_EXPORT_LIMITS.rows) })
            : refusal.reason === 'cells'
              ? t('exportTable.tooManyCells', { cells: fmt(refusal.cells), max: fmt(TABLE_EXPORT_LIMITS.cells) })
              : t('exportTable.tooLarge', { size: mb(refusal.bytes), max: mb(TABLE_EXPORT_LIMITS.bodyBytes) }),
        );
        return;
      }
      const name = await exportTable(body, {
        filename,
        onProgress: large ? (phase, share) => show(t(phase === 'sending' ? 'exportTable.sending' : 'exportTable.downloading'), share) : undefined,
      });
      message.destroy(key);
      void message.success(t('export.done', { name }));
    } catch (err) {
      message.destroy(key);
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button {...button} icon={icon ?? <FileExcelOutlined />} loading={busy} disabled={disabled || (!rows && !getRows)} onClick={() => void run()}>
      {label ?? t('exportTable.button')}
    </Button>
  );
}
