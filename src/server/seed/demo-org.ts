/**
 * The demo province: a Quảng Nam-like organisation with the real names of Quảng Nam's 20 provincial
 * departments and boards (sở, ban, ngành, 2019) and its 18 district-level units.
 */

export interface DemoAgency {
  code: string;
  abbreviation: string;
  nameVi: string;
  nameEn: string;
}

export const DEMO_DEPARTMENTS: DemoAgency[] = [
  { code: 'SNV', abbreviation: 'SNV', nameVi: 'Sở Nội vụ', nameEn: 'Department of Home Affairs' },
  { code: 'STP', abbreviation: 'STP', nameVi: 'Sở Tư pháp', nameEn: 'Department of Justice' },
  { code: 'SKHDT', abbreviation: 'SKHĐT', nameVi: 'Sở Kế hoạch và Đầu tư', nameEn: 'Department of Planning and Investment' },
  { code: 'STC', abbreviation: 'STC', nameVi: 'Sở Tài chính', nameEn: 'Department of Finance' },
  { code: 'SCT', abbreviation: 'SCT', nameVi: 'Sở Công Thương', nameEn: 'Department of Industry and Trade' },
  { code: 'SNNPTNT', abbreviation: 'SNN&PTNT', nameVi: 'Sở Nông nghiệp và Phát triển nông thôn', nameEn: 'Department of Agriculture and Rural Development' },
  { code: 'SGTVT', abbreviation: 'SGTVT', nameVi: 'Sở Giao thông vận tải', nameEn: 'Department of Transport' },
  { code: 'SXD', abbreviation: 'SXD', nameVi: 'Sở Xây dựng', nameEn: 'Department of Construction' },
  { code: 'STNMT', abbreviation: 'STNMT', nameVi: 'Sở Tài nguyên và Môi trường', nameEn: 'Department of Natural Resources and Environment' },
  { code: 'STTTT', abbreviation: 'STTTT', nameVi: 'Sở Thông tin và Truyền thông', nameEn: 'Department of Information and Communications' },
  { code: 'SLDTBXH', abbreviation: 'SLĐTBXH', nameVi: 'Sở Lao động - Thương binh và Xã hội', nameEn: 'Department of Labour, Invalids and Social Affairs' },
  { code: 'SVHTTDL', abbreviation: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch', nameEn: 'Department of Culture, Sports and Tourism' },
  { code: 'SKHCN', abbreviation: 'SKHCN', nameVi: 'Sở Khoa học và Công nghệ', nameEn: 'Department of Science and Technology' },
  { code: 'SGDDT', abbreviation: 'SGDĐT', nameVi: 'Sở Giáo dục và Đào tạo', nameEn: 'Department of Education and Training' },
  { code: 'SYT', abbreviation: 'SYT', nameVi: 'Sở Y tế', nameEn: 'Department of Health' },
  { code: 'TTT', abbreviation: 'TTr', nameVi: 'Thanh tra tỉnh', nameEn: 'Provincial Inspectorate' },
  { code: 'VPUBND', abbreviation: 'VPUBND', nameVi: 'Văn phòng UBND tỉnh', nameEn: "Office of the Provincial People's Committee" },
  { code: 'SNGV', abbreviation: 'SNgV', nameVi: 'Sở Ngoại vụ', nameEn: 'Department of Foreign Affairs' },
  { code: 'BDT', abbreviation: 'BDT', nameVi: 'Ban Dân tộc', nameEn: 'Ethnic Minorities Committee' },
  { code: 'BQLKKT', abbreviation: 'BQLKKT', nameVi: 'Ban Quản lý các Khu kinh tế và Khu công nghiệp tỉnh', nameEn: 'Management Board of Economic Zones and Industrial Parks' },
];

export const DEMO_DISTRICTS: DemoAgency[] = [
  ['TAMKY', 'UBND thành phố Tam Kỳ', 'Tam Kỳ City'],
  ['HOIAN', 'UBND thành phố Hội An', 'Hội An City'],
  ['DIENBAN', 'UBND thị xã Điện Bàn', 'Điện Bàn Town'],
  ['DUYXUYEN', 'UBND huyện Duy Xuyên', 'Duy Xuyên District'],
  ['DAILOC', 'UBND huyện Đại Lộc', 'Đại Lộc District'],
  ['QUESON', 'UBND huyện Quế Sơn', 'Quế Sơn District'],
  ['NONGSON', 'UBND huyện Nông Sơn', 'Nông Sơn District'],
  ['THANGBINH', 'UBND huyện Thăng Bình', 'Thăng Bình District'],
  ['PHUNINH', 'UBND huyện Phú Ninh', 'Phú Ninh District'],
  ['NUITHANH', 'UBND huyện Núi Thành', 'Núi Thành District'],
  ['TIENPHUOC', 'UBND huyện Tiên Phước', 'Tiên Phước District'],
  ['BACTRAMY', 'UBND huyện Bắc Trà My', 'Bắc Trà My District'],
  ['NAMTRAMY', 'UBND huyện Nam Trà My', 'Nam Trà My District'],
  ['HIEPDUC', 'UBND huyện Hiệp Đức', 'Hiệp Đức District'],
  ['PHUOCSON', 'UBND huyện Phước Sơn', 'Phước Sơn District'],
  ['DONGGIANG', 'UBND huyện Đông Giang', 'Đông Giang District'],
  ['TAYGIANG', 'UBND huyện Tây Giang', 'Tây Giang District'],
  ['NAMGIANG', 'UBND huyện Nam Giang', 'Nam Giang District'],
].map(([code, nameVi, nameEn]) => ({ code: code!, abbreviation: code!, nameVi: nameVi!, nameEn: nameEn! }));

export const DEMO_VERTICAL: DemoAgency[] = [
  { code: 'CTHUE', abbreviation: 'CT', nameVi: 'Cục Thuế tỉnh', nameEn: 'Provincial Tax Department' },
  { code: 'KBNN', abbreviation: 'KBNN', nameVi: 'Kho bạc Nhà nước tỉnh', nameEn: 'Provincial State Treasury' },
  { code: 'BHXH', abbreviation: 'BHXH', nameVi: 'Bảo hiểm xã hội tỉnh', nameEn: 'Provincial Social Insurance' },
];

/** Divisions of a department (Ban Dân tộc has its own, as in the article). */
export function demoDivisions(agencyCode: string, isDistrict: boolean): { code: string; nameVi: string; nameEn: string }[] {
  if (agencyCode === 'BDT') {
    return [
      { code: 'VP', nameVi: 'Văn phòng Ban', nameEn: 'Office' },
      { code: 'CSDT', nameVi: 'Phòng Chính sách dân tộc', nameEn: 'Ethnic Policy Division' },
      { code: 'KHTH', nameVi: 'Phòng Kế hoạch - Tổng hợp', nameEn: 'Planning and General Affairs Division' },
      { code: 'TTR', nameVi: 'Thanh tra Ban', nameEn: 'Inspectorate' },
    ];
  }
  if (isDistrict) {
    return [
      { code: 'VP', nameVi: 'Văn phòng HĐND và UBND', nameEn: "Office of the People's Council and Committee" },
      { code: 'PNV', nameVi: 'Phòng Nội vụ', nameEn: 'Home Affairs Division' },
      { code: 'PTP', nameVi: 'Phòng Tư pháp', nameEn: 'Justice Division' },
      { code: 'PTCKH', nameVi: 'Phòng Tài chính - Kế hoạch', nameEn: 'Finance and Planning Division' },
    ];
  }
  return [
    { code: 'VP', nameVi: 'Văn phòng Sở', nameEn: 'Office' },
    { code: 'KHTC', nameVi: 'Phòng Kế hoạch - Tài chính', nameEn: 'Planning and Finance Division' },
    { code: 'TTR', nameVi: 'Thanh tra Sở', nameEn: 'Inspectorate' },
  ];
}
