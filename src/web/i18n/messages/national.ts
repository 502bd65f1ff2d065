/** Messages of the national tier card (issue 12 part 3). */
export const nationalVi = {
  'nat.title': 'Chỉ số CCHC cấp tỉnh do Bộ Nội vụ xếp hạng',
  'nat.synthetic': 'Dữ liệu minh họa',
  'nat.year': 'Năm',
  'nat.agency': 'Đơn vị được xếp hạng',
  'nat.rank': 'Xếp hạng',
  'nat.rankOf': '{rank}/{of}',
  'nat.change': 'Tăng/giảm bậc',
  'nat.index': 'Chỉ số (%)',
  'nat.indexChange': 'Thay đổi chỉ số',
  'nat.class': 'Xếp loại',
  'nat.component': 'LV{code}',
  'nat.note': 'Theo kết quả Bộ Nội vụ công bố (đọc từ kết quả đã công bố của cấp trung ương). Từ năm 2025, tỉnh được xếp hạng trong đơn vị hành chính sau sắp xếp; tăng/giảm bậc chỉ so sánh cùng một đơn vị.',
};

export const nationalEn: Record<keyof typeof nationalVi, string> = {
  'nat.title': "Provincial PAR Index as ranked by the Ministry of Home Affairs",
  'nat.synthetic': 'Synthetic demo data',
  'nat.year': 'Year',
  'nat.agency': 'Ranked unit',
  'nat.rank': 'Rank',
  'nat.rankOf': '{rank} of {of}',
  'nat.change': 'Rank change',
  'nat.index': 'Index (%)',
  'nat.indexChange': 'Index change',
  'nat.class': 'Class',
  'nat.component': 'F{code}',
  'nat.note': "As published by the Ministry of Home Affairs (read from the national tier's published results). From 2025 the province is ranked as part of the merged province; changes compare a unit only with itself.",
};
