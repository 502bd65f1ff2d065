import type { reportsVi } from './reports';

export const reportsEn: Record<keyof typeof reportsVi, string> = {
  'exportTable.button': 'Export to Excel',
  'exportTable.title': 'Export to Excel: {title}',
  'exportTable.preparing': 'Preparing {rows} rows…',
  'exportTable.sending': 'Sending the rows and building the workbook…',
  'exportTable.downloading': 'Downloading the file…',
  'exportTable.tooManyRows': 'The table has {rows} rows, more than the {max} rows of one export. Filter some rows out.',
  'exportTable.tooManyCells': 'The table has {cells} cells, more than the {max} cells of one export. Filter some rows or columns out.',
  'exportTable.tooLarge': 'The data is too large for one export ({size} MB, at most {max} MB). Filter some rows or columns out.',
};
