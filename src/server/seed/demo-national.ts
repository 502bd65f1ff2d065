/**
 * The demo national tier (issue 12 part 3, docs/analysis.md "National tier"): a tenant of kind 'national' standing for
 * the Ministry of Home Affairs, whose agencies are the provinces, with its own group, framework, periods and published
 * results. Every number is SYNTHETIC (made up by a seeded generator, labelled so in the tenant, framework, period and
 * decision names): 63 provinces ranked 2022–2024, the 34 provinces after the 2025 merger ranked 2025. The demo
 * province (Quảng Nam) is linked to its national row: "Quảng Nam" up to 2024, the merged "Đà Nẵng" from 2025. The
 * merger is recorded as lineage events of the national tenant (each merged province compared with the predecessor
 * whose name it keeps), so the 2025 changes follow the lineage as a province's own do.
 */
import { scoreLeaf } from '../../core/domain/scoring';
import { DEFAULT_BANDS } from '../../core/domain/classification';
import { unitsToDecimalString } from '../../core/domain/decimal';
import { foldText } from '../../core/domain/text';
import type { Framework, FrameworkNode } from '../../core/schemas/framework';
import type { Database } from '../db/client';
import { agencies, agencyGroups, agencyLineageEvents, agencyLineageParts, assessments, leafScores, nationalLinks, periodFrameworks, periods, provinces, resultSnapshots, userRoles, users } from '../db/schema/index';
import { hashPassword } from '../lib/passwords';
import { buildSnapshot } from '../modules/publication/snapshot';
import { insertFramework } from './demo-cycle';
import { hashSeed, rng } from './demo-scores';

export const NATIONAL_DEMO_CODE = 'BNV';
export const NATIONAL_DEMO_SECRETARIAT = 'bnv.secretariat';
export const NATIONAL_YEARS_63 = [2022, 2023, 2024];
export const NATIONAL_YEAR_34 = 2025;
const SYNTHETIC_VI = 'dữ liệu minh họa, không phải kết quả công bố';
const SYNTHETIC_EN = 'synthetic demo data, not published results';

/** The 63 provinces and centrally run cities before the 2025 merger (code, name). */
export const PROVINCES_63: [string, string][] = [
  ['HANOI', 'Thành phố Hà Nội'], ['HCM', 'Thành phố Hồ Chí Minh'], ['HAIPHONG', 'Thành phố Hải Phòng'], ['DANANG', 'Thành phố Đà Nẵng'], ['CANTHO', 'Thành phố Cần Thơ'],
  ['HAGIANG', 'Tỉnh Hà Giang'], ['CAOBANG', 'Tỉnh Cao Bằng'], ['BACKAN', 'Tỉnh Bắc Kạn'], ['TUYENQUANG', 'Tỉnh Tuyên Quang'], ['LAOCAI', 'Tỉnh Lào Cai'],
  ['DIENBIEN', 'Tỉnh Điện Biên'], ['LAICHAU', 'Tỉnh Lai Châu'], ['SONLA', 'Tỉnh Sơn La'], ['YENBAI', 'Tỉnh Yên Bái'], ['HOABINH', 'Tỉnh Hòa Bình'],
  ['THAINGUYEN', 'Tỉnh Thái Nguyên'], ['LANGSON', 'Tỉnh Lạng Sơn'], ['QUANGNINH', 'Tỉnh Quảng Ninh'], ['BACGIANG', 'Tỉnh Bắc Giang'], ['PHUTHO', 'Tỉnh Phú Thọ'],
  ['VINHPHUC', 'Tỉnh Vĩnh Phúc'], ['BACNINH', 'Tỉnh Bắc Ninh'], ['HAIDUONG', 'Tỉnh Hải Dương'], ['HUNGYEN', 'Tỉnh Hưng Yên'], ['THAIBINH', 'Tỉnh Thái Bình'],
  ['HANAM', 'Tỉnh Hà Nam'], ['NAMDINH', 'Tỉnh Nam Định'], ['NINHBINH', 'Tỉnh Ninh Bình'], ['THANHHOA', 'Tỉnh Thanh Hóa'], ['NGHEAN', 'Tỉnh Nghệ An'],
  ['HATINH', 'Tỉnh Hà Tĩnh'], ['QUANGBINH', 'Tỉnh Quảng Bình'], ['QUANGTRI', 'Tỉnh Quảng Trị'], ['HUE', 'Tỉnh Thừa Thiên Huế'], ['QUANGNAM', 'Tỉnh Quảng Nam'],
  ['QUANGNGAI', 'Tỉnh Quảng Ngãi'], ['BINHDINH', 'Tỉnh Bình Định'], ['PHUYEN', 'Tỉnh Phú Yên'], ['KHANHHOA', 'Tỉnh Khánh Hòa'], ['NINHTHUAN', 'Tỉnh Ninh Thuận'],
  ['BINHTHUAN', 'Tỉnh Bình Thuận'], ['KONTUM', 'Tỉnh Kon Tum'], ['GIALAI', 'Tỉnh Gia Lai'], ['DAKLAK', 'Tỉnh Đắk Lắk'], ['DAKNONG', 'Tỉnh Đắk Nông'],
  ['LAMDONG', 'Tỉnh Lâm Đồng'], ['BINHPHUOC', 'Tỉnh Bình Phước'], ['TAYNINH', 'Tỉnh Tây Ninh'], ['BINHDUONG', 'Tỉnh Bình Dương'], ['DONGNAI', 'Tỉnh Đồng Nai'],
  ['BRVT', 'Tỉnh Bà Rịa - Vũng Tàu'], ['LONGAN', 'Tỉnh Long An'], ['TIENGIANG', 'Tỉnh Tiền Giang'], ['BENTRE', 'Tỉnh Bến Tre'], ['TRAVINH', 'Tỉnh Trà Vinh'],
  ['VINHLONG', 'Tỉnh Vĩnh Long'], ['DONGTHAP', 'Tỉnh Đồng Tháp'], ['ANGIANG', 'Tỉnh An Giang'], ['KIENGIANG', 'Tỉnh Kiên Giang'], ['HAUGIANG', 'Tỉnh Hậu Giang'],
  ['SOCTRANG', 'Tỉnh Sóc Trăng'], ['BACLIEU', 'Tỉnh Bạc Liêu'], ['CAMAU', 'Tỉnh Cà Mau'],
];

/** The 11 provinces the 2025 merger left as they were (they keep their national row). */
export const UNCHANGED_2025 = ['HANOI', 'HUE', 'LAICHAU', 'DIENBIEN', 'SONLA', 'LANGSON', 'QUANGNINH', 'THANHHOA', 'NGHEAN', 'HATINH', 'CAOBANG'];

/** The 23 provinces formed by the 2025 merger (Resolution 202/2025/QH15): new code, name, the provinces merged. */
export const MERGED_2025: [string, string, string[]][] = [
  ['TUYENQUANG25', 'Tỉnh Tuyên Quang', ['TUYENQUANG', 'HAGIANG']],
  ['LAOCAI25', 'Tỉnh Lào Cai', ['LAOCAI', 'YENBAI']],
  ['THAINGUYEN25', 'Tỉnh Thái Nguyên', ['THAINGUYEN', 'BACKAN']],
  ['PHUTHO25', 'Tỉnh Phú Thọ', ['PHUTHO', 'VINHPHUC', 'HOABINH']],
  ['BACNINH25', 'Tỉnh Bắc Ninh', ['BACNINH', 'BACGIANG']],
  ['HUNGYEN25', 'Tỉnh Hưng Yên', ['HUNGYEN', 'THAIBINH']],
  ['HAIPHONG25', 'Thành phố Hải Phòng', ['HAIPHONG', 'HAIDUONG']],
  ['NINHBINH25', 'Tỉnh Ninh Bình', ['NINHBINH', 'HANAM', 'NAMDINH']],
  ['QUANGTRI25', 'Tỉnh Quảng Trị', ['QUANGTRI', 'QUANGBINH']],
  ['DANANG25', 'Thành phố Đà Nẵng', ['DANANG', 'QUANGNAM']],
  ['QUANGNGAI25', 'Tỉnh Quảng Ngãi', ['QUANGNGAI', 'KONTUM']],
  ['GIALAI25', 'Tỉnh Gia Lai', ['GIALAI', 'BINHDINH']],
  ['KHANHHOA25', 'Tỉnh Khánh Hòa', ['KHANHHOA', 'NINHTHUAN']],
  ['LAMDONG25', 'Tỉnh Lâm Đồng', ['LAMDONG', 'DAKNONG', 'BINHTHUAN']],
  ['DAKLAK25', 'Tỉnh Đắk Lắk', ['DAKLAK', 'PHUYEN']],
  ['HCM25', 'Thành phố Hồ Chí Minh', ['HCM', 'BINHDUONG', 'BRVT']],
  ['DONGNAI25', 'Tỉnh Đồng Nai', ['DONGNAI', 'BINHPHUOC']],
  ['TAYNINH25', 'Tỉnh Tây Ninh', ['TAYNINH', 'LONGAN']],
  ['CANTHO25', 'Thành phố Cần Thơ', ['CANTHO', 'SOCTRANG', 'HAUGIANG']],
  ['VINHLONG25', 'Tỉnh Vĩnh Long', ['VINHLONG', 'BENTRE', 'TRAVINH']],
  ['DONGTHAP25', 'Tỉnh Đồng Tháp', ['DONGTHAP', 'TIENGIANG']],
  ['CAMAU25', 'Tỉnh Cà Mau', ['CAMAU', 'BACLIEU']],
  ['ANGIANG25', 'Tỉnh An Giang', ['ANGIANG', 'KIENGIANG']],
];

/**
 * The demo's comparison rule for a merged province: the predecessor whose name the merged province keeps (Quảng Nam +
 * Đà Nẵng → Đà Nẵng is compared with Đà Nẵng). Every merger of Resolution 202/2025/QH15 keeps exactly one
 * predecessor's name; the secretariat may choose another predecessor or none (docs/analysis.md, "National tier").
 */
export function namedPredecessor(nameVi: string, from: readonly string[]): string {
  const keeps = from.filter((c) => PROVINCES_63.find(([code]) => code === c)?.[1] === nameVi);
  if (keeps.length !== 1) throw new Error(`national demo: ${nameVi} keeps the name of ${keeps.length} predecessors`);
  return keeps[0]!;
}

/** The eight component indices of the national PAR INDEX (names as the Ministry uses them; maxima synthetic). */
const FIELDS: [string, string, string, number][] = [
  ['1', 'Công tác chỉ đạo, điều hành CCHC', 'Direction and management of PAR', 9],
  ['2', 'Xây dựng và tổ chức thực hiện văn bản QPPL tại tỉnh', 'Legal documents: drafting and implementation', 8],
  ['3', 'Cải cách thủ tục hành chính', 'Administrative procedure reform', 13],
  ['4', 'Cải cách tổ chức bộ máy hành chính nhà nước', 'Reform of the administrative apparatus', 9],
  ['5', 'Cải cách chế độ công vụ', 'Civil service reform', 13],
  ['6', 'Cải cách tài chính công', 'Public finance reform', 8],
  ['7', 'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số', 'E-government and digital government', 10],
  ['8', 'Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội', 'Impact of PAR on people, organisations and development', 30],
];

function nationalFramework(year: number): Framework {
  const nodes: FrameworkNode[] = [];
  FIELDS.forEach(([code, nameVi, nameEn, max], i) => {
    nodes.push({ code, parentCode: null, position: i, nameVi, nameEn, maxPoints: String(max), mayBeNotApplicable: false, kind: 'regular', method: null } as FrameworkNode);
    const a = Math.ceil(max / 2);
    for (const [k, m] of [[1, a], [2, max - a]] as const) {
      nodes.push({ code: `${code}.${k}`, parentCode: code, position: k - 1, nameVi: `${nameVi} (phần ${k})`, nameEn: `${nameEn} (part ${k})`, maxPoints: String(m), mayBeNotApplicable: false, kind: 'regular', method: { type: 'manual', step: '0.01' } } as FrameworkNode);
    }
  });
  return {
    year,
    groupCode: 'TINH',
    nameVi: `Bộ chỉ số PAR INDEX cấp tỉnh năm ${year} (${SYNTHETIC_VI})`,
    nameEn: `Provincial PAR INDEX framework ${year} (${SYNTHETIC_EN})`,
    declaredTotal: '100',
    bonusCap: '0',
    deductionCap: '0',
    bands: DEFAULT_BANDS.map((b) => ({ ...b })),
    nodes,
  } as Framework;
}

/** Seeds the national demo tenant and links the demo province to its national rows; returns the tenant's id. */
export async function seedDemoNational(database: Database, demoProvinceId: number, password: string, now = new Date()): Promise<number> {
  const passwordHash = await hashPassword(password);
  return database.db.transaction(async (tx) => {
    const [p] = await tx
      .insert(provinces)
      .values({ code: NATIONAL_DEMO_CODE, nameVi: `Bộ Nội vụ: PAR INDEX cấp tỉnh (${SYNTHETIC_VI})`, nameEn: `Ministry of Home Affairs: provincial PAR INDEX (${SYNTHETIC_EN})`, governingBodyVi: 'BỘ NỘI VỤ', kind: 'national', isSynthetic: true })
      .returning();
    const nationalId = p!.id;
    const [g] = await tx.insert(agencyGroups).values({ provinceId: nationalId, code: 'TINH', nameVi: 'Tỉnh, thành phố trực thuộc Trung ương', nameEn: 'Provinces and centrally run cities', position: 1 }).returning();
    const groupId = g!.id;
    const merged = new Set(MERGED_2025.flatMap(([, , from]) => from));
    const rows = [
      ...PROVINCES_63.map(([code, nameVi]) => ({ code, nameVi, activeFromYear: 2012, activeToYear: UNCHANGED_2025.includes(code) ? null : 2024 })),
      ...MERGED_2025.map(([code, nameVi]) => ({ code, nameVi, activeFromYear: 2025, activeToYear: null })),
    ].map((a) => ({ provinceId: nationalId, groupId, code: a.code, nameVi: a.nameVi, nameEn: a.nameVi, activeFromYear: a.activeFromYear, activeToYear: a.activeToYear, isActive: a.activeToYear === null, searchText: foldText(`${a.code} ${a.nameVi}`) }));
    const inserted = await tx.insert(agencies).values(rows).returning({ id: agencies.id, code: agencies.code });
    const agencyId = new Map(inserted.map((a) => [a.code, a.id]));
    if (merged.size + UNCHANGED_2025.length !== PROVINCES_63.length) throw new Error(`national demo: ${merged.size} merged + ${UNCHANGED_2025.length} unchanged ≠ 63`);

    // The 2025 merger as lineage events of the national tenant, before the rankings are built, so the 2025 rank
    // change (and the province's index change) compares each merged province with its named predecessor.
    for (const [code, nameVi, from] of MERGED_2025) {
      const predecessor = namedPredecessor(nameVi, from);
      const [event] = await tx
        .insert(agencyLineageEvents)
        .values({ provinceId: nationalId, year: NATIONAL_YEAR_34, kind: 'merge', comparison: 'predecessor', predecessorId: agencyId.get(predecessor)!, note: `Hợp nhất theo Nghị quyết 202/2025/QH15; so sánh với tỉnh giữ tên (${SYNTHETIC_VI}).` })
        .returning({ id: agencyLineageEvents.id });
      await tx.insert(agencyLineageParts).values([...from.map((c) => ({ eventId: event!.id, agencyId: agencyId.get(c)!, side: 'from' as const })), { eventId: event!.id, agencyId: agencyId.get(code)!, side: 'to' as const }]);
    }

    const [u] = await tx.insert(users).values({ provinceId: nationalId, username: NATIONAL_DEMO_SECRETARIAT, fullName: 'Vụ CCHC, Bộ Nội vụ (minh họa)', passwordHash, email: `${NATIONAL_DEMO_SECRETARIAT}@demo.parindex.vn` }).returning();
    await tx.insert(userRoles).values({ userId: u!.id, role: 'secretariat', agencyId: null, divisionId: null, fieldCodes: [], agencyIds: [] });

    for (const year of [...NATIONAL_YEARS_63, NATIONAL_YEAR_34]) {
      const framework = nationalFramework(year);
      const frameworkId = await insertFramework(tx, nationalId, groupId, framework, now);
      const [period] = await tx
        .insert(periods)
        .values({ provinceId: nationalId, year, nameVi: `PAR INDEX năm ${year} (${SYNTHETIC_VI})`, nameEn: `PAR INDEX ${year} (${SYNTHETIC_EN})`, phase: 'published' })
        .returning();
      await tx.insert(periodFrameworks).values({ periodId: period!.id, groupId, frameworkId });
      const ranked = year === NATIONAL_YEAR_34 ? [...UNCHANGED_2025, ...MERGED_2025.map(([c]) => c)] : PROVINCES_63.map(([c]) => c);
      const leaves = framework.nodes.filter((n) => n.method);
      for (const code of ranked) {
        const [a] = await tx.insert(assessments).values({ periodId: period!.id, agencyId: agencyId.get(code)!, frameworkId, status: 'finalised' }).returning();
        // A stable quality per province (merged provinces: that of the first one merged), a yearly drift and noise.
        const base = rng(hashSeed('national', code.replace(/25$/, '')))();
        const r = rng(hashSeed('national', code, year));
        const scores = leaves.map((leaf) => {
          const max = Number(leaf.maxPoints);
          const share = Math.min(1, Math.max(0.35, 0.62 + base * 0.28 + (year - 2022) * 0.012 + (r() - 0.5) * 0.12));
          const input = { value: (Math.round(share * max * 100) / 100).toFixed(2) };
          const res = scoreLeaf(leaf, input);
          const units = res.ok && res.units !== null ? res.units : 0;
          return { assessmentId: a!.id, nodeCode: leaf.code, finalInput: input, finalPoints: unitsToDecimalString(units), effectiveUnits: units, effectiveNa: false, updatedAt: now };
        });
        await tx.insert(leafScores).values(scores);
      }
      const decision = `Dữ liệu minh họa ${year}`;
      const { content, hash } = await buildSnapshot(tx, nationalId, period!.id, { revision: 1, decisionNumber: decision, decisionDate: null, reason: null });
      await tx.insert(resultSnapshots).values({ periodId: period!.id, revision: 1, content, contentHash: hash, decisionNumber: decision, decisionDate: null, publishedAt: new Date(`${year + 1}-05-15T03:00:00Z`) });
    }
    await tx.insert(nationalLinks).values([
      { provinceId: demoProvinceId, nationalAgencyId: agencyId.get('QUANGNAM')!, fromYear: 2012, toYear: 2024 },
      { provinceId: demoProvinceId, nationalAgencyId: agencyId.get('DANANG25')!, fromYear: 2025, toYear: null },
    ]);
    return nationalId;
  });
}
