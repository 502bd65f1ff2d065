/** Messages of the reports: the export of any on-screen table to Excel (components/export-table-button.tsx). */
export const reportsVi = {
  'exportTable.button': 'Xuất Excel',
  'exportTable.title': 'Xuất Excel: {title}',
  'exportTable.preparing': 'Đang chuẩn bị {rows} dòng…',
  'exportTable.sending': 'Đang gửi dữ liệu và tạo tệp Excel…',
  'exportTable.downloading': 'Đang tải tệp xuống…',
  'exportTable.tooManyRows': 'Bảng có {rows} dòng, vượt giới hạn {max} dòng của một lần xuất. Hãy lọc bớt dòng.',
  'exportTable.tooManyCells': 'Bảng có {cells} ô, vượt giới hạn {max} ô của một lần xuất. Hãy lọc bớt dòng hoặc cột.',
  'exportTable.tooLarge': 'Dữ liệu quá lớn để xuất trong một lần ({size} MB, tối đa {max} MB). Hãy lọc bớt dòng hoặc cột.',
};
