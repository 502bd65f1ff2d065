/**
 * The agency's analysis report (.docx): what the Ethnic Minorities Committee wrote by hand after its 2019 result
 * (shared/seed), generated from the published analysis. Layout of Nghị định 30/2020/NĐ-CP (docx-kit.ts); content:
 * overall result, component indices, where points were lost (table + waterfall), the leaves that lost the most,
 * what it takes to climb, rank robustness, the trend (table + line chart), proposed remediation directions,
 * recipients and signature. Vietnamese, or English with `lang = 'en'`.
 */
import { Document, Packer, Paragraph, type Table, TextRun } from 'docx';
import { joinList, nameIn } from '../../../core/domain/analysis';
import type { Lang } from '../../../core/errors';
import { groupLabel as groupLabelOf } from '../analysis/load';
import type { AgencyAnalysis } from '../analysis/service';
import { svgToPng, trendSvg, waterfallSvg } from './charts';
import {
  body,
  centered,
  dash,
  dataTable,
  documentStyles,
  figure,
  heading,
  layoutTable,
  pageNumberHeaders,
  rule,
  sectionProperties,
  SIZE,
  TEXT_WIDTH,
  type Cell,
} from './docx-kit';
import { committeeName, governingHeading, idx, int, longDate, numberSuffix, pct, placeName, pts, rankChangeMark, shortDate, signedIdx, signerTitle, vnDate } from './format';

/** What the report needs besides the analysis: the published province and decision, and the generation time. */
export interface ReportMeta {
  province: { nameVi: string; nameEn: string; governingBodyVi: string };
  decisionNumber: string;
  decisionDate: string | null;
  revision: number;
  contentHash: string;
  /** The agency's abbreviation in document numbers ("…/BC-SKHĐT"); its code when it has none. */
  abbreviation: string;
  generatedAt: Date;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

const L = {
  vi: {
    nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    number: (suffix: string) => `Số:          /BC-${suffix}`,
    report: 'BÁO CÁO',
    title: (y: number) => `Phân tích kết quả Chỉ số cải cách hành chính năm ${y}`,
    basis: (decision: string, date: string | null, committee: string, year: number) =>
      decision
        ? `Căn cứ Quyết định số ${decision}${date ? ` ngày ${date}` : ''} của ${committee} công bố kết quả Chỉ số cải cách hành chính (Chỉ số CCHC) năm ${year} của các cơ quan, đơn vị trên địa bàn tỉnh,`
        : `Căn cứ kết quả Chỉ số cải cách hành chính (Chỉ số CCHC) năm ${year} do ${committee} công bố,`,
    intro: (agency: string) => `${agency} báo cáo phân tích kết quả, nguyên nhân và phương hướng khắc phục như sau:`,
    s: ['KẾT QUẢ CHUNG', 'CHỈ SỐ THÀNH PHẦN', 'ĐIỂM BỊ MẤT THEO LĨNH VỰC, TIÊU CHÍ', 'CÁC TIÊU CHÍ BỊ MẤT NHIỀU ĐIỂM NHẤT', 'ĐIỀU KIỆN ĐỂ NÂNG THỨ HẠNG', 'ĐỘ VỮNG CỦA THỨ HẠNG', 'XU HƯỚNG QUA CÁC NĂM', 'ĐỀ XUẤT PHƯƠNG HƯỚNG KHẮC PHỤC'],
    indexLine: (index: string, points: string, max: string, cls: string | null) => `Chỉ số CCHC: ${index}; tổng điểm đạt ${points}/${max} điểm${cls ? `; xếp loại: ${cls}` : ''}.`,
    rankLine: (rank: number, of: number, group: string, prev: { year: number; rank: number } | null, change: number | null, tied: boolean) =>
      `Xếp hạng: ${rank}/${of} ${group}${tied ? ' (đồng hạng)' : ''}${prev ? `; năm ${prev.year}: ${prev.rank}/${of}` : ''}${change === null ? '' : change > 0 ? ` (tăng ${change} bậc)` : change < 0 ? ` (giảm ${-change} bậc)` : ' (giữ nguyên thứ hạng)'}.`,
    groupLine: (avg: string, best: string, bestNames: string) => `Bình quân của nhóm: ${avg}; cao nhất: ${best} (${bestNames}).`,
    cmpCols: (y: number, py: number | null) => ['STT', 'Chỉ số', `Năm ${y} (%)`, py ? `Năm ${py} (%)` : 'Năm trước (%)', 'Tăng/giảm', 'Bình quân nhóm (%)', 'Cao nhất (%)'],
    aboveCol: (rank: number) => `Hạng ${rank} (%)`,
    totalRow: 'Chỉ số CCHC',
    aboveNote: (list: string) => `Cơ quan xếp trên liền kề: ${list}.`,
    lossIntro: (lost: string, max: string, bonus: string, deduction: string, net: string) =>
      `Tổng số điểm bị mất ở các lĩnh vực là ${lost} điểm trên ${max} điểm tối đa áp dụng (chưa tính điểm thưởng ${bonus} và điểm trừ ${deduction}); sau điểm thưởng, điểm trừ, tổng số điểm còn thiếu so với điểm tối đa là ${net} điểm.`,
    lossCols: ['STT', 'Lĩnh vực, tiêu chí', 'Điểm tối đa', 'Điểm đạt', 'Điểm bị mất', 'Tỷ trọng (%)'],
    lossTotal: 'Tổng cộng',
    waterfallCaption: (n: number) => `Biểu đồ ${n}. Điểm bị mất theo lĩnh vực (điểm)`,
    waterfallAxis: 'Điểm bị mất',
    waterfallTotal: 'Tổng',
    bonusBar: 'Điểm thưởng',
    deductionBar: 'Điểm trừ',
    clampBar: 'Giới hạn 0–tối đa',
    leafCols: ['STT', 'Mã', 'Tiêu chí thành phần', 'Tối đa', 'Đạt', 'Bị mất', 'Năm trước'],
    surveyMark: ' (*)',
    surveyNote: '(*) Tiêu chí đánh giá qua điều tra xã hội học: điểm do người được khảo sát đánh giá, không tự chấm.',
    noLeaves: 'Không có tiêu chí nào bị mất điểm.',
    climbIntro: (mode: string) =>
      `Với điểm của các cơ quan khác giữ nguyên, bảng dưới đây nêu chỉ số cần đạt, số điểm cần tăng và tập hợp ít tiêu chí nhất có thể cải thiện thực tế (${mode}) đủ để đạt từng thứ hạng.`,
    modeOneStep: 'mỗi tiêu chí nâng lên một mức',
    modeToMax: 'mỗi tiêu chí đạt điểm tối đa',
    climbCols: ['Hạng mục tiêu', 'Chỉ số cần đạt (%)', 'Điểm cần tăng', 'Tiêu chí đề xuất', 'Kết quả dự kiến'],
    unreachable: 'Không đạt được bằng các tiêu chí có thể cải thiện',
    result: (index: string, rank: number) => `${index}; hạng ${rank}`,
    best: (n: number, gain: string, index: string, rank: number) => `Nếu cải thiện cả ${n} tiêu chí có thể cải thiện (tổng cộng ${gain} điểm), Chỉ số CCHC đạt ${index} và xếp hạng ${rank}.`,
    topRank: 'Cơ quan đang xếp hạng 1 trong nhóm; nhiệm vụ là giữ vững kết quả.',
    nextDetail: (rank: number, needed: string) => `Để lên hạng ${rank} cần tăng ${needed} điểm, cụ thể:`,
    leafStep: (code: string, name: string, from: string, to: string, gain: string, level: string | null) => `Tiêu chí ${code} ${name}: từ ${from} lên ${to} điểm (+${gain})${level ? `, đạt mức “${level}”` : ''}.`,
    mcNone: (draws: number) =>
      `Năm nay không có khoảng tin cậy của điều tra xã hội học (kết quả khảo sát được nhập dưới dạng điểm), nên ${int(draws, 'vi')} lần mô phỏng không làm thay đổi thứ hạng.`,
    mc: (draws: number, leaves: number, lo: number, hi: number, p5: number, p95: number, keep: string) =>
      `Mô phỏng ${int(draws, 'vi')} lần điểm của ${int(leaves, 'vi')} tiêu chí điều tra xã hội học trong khoảng tin cậy của chúng (điểm các tiêu chí khác giữ nguyên): thứ hạng dao động từ ${lo} đến ${hi}, 90% số lần trong khoảng ${p5}–${p95}; giữ thứ hạng hiện tại ${keep} số lần.`,
    judgement: (bi: string, br: number, wi: string, wr: number) =>
      `Nếu mỗi tiêu chí tự chấm, thẩm định được đánh giá cao hơn một mức: Chỉ số CCHC ${bi}, hạng ${br}; thấp hơn một mức: ${wi}, hạng ${wr}. Khoảng này cho biết mức độ nhạy của thứ hạng với các nhận định khi thẩm định.`,
    trendCols: ['Năm', 'Chỉ số CCHC (%)', 'Tăng/giảm (điểm %)', 'Xếp hạng', 'Số cơ quan', 'Tăng/giảm bậc'],
    trendCaption: (n: number, from: number, to: number) => `Biểu đồ ${n}. Chỉ số CCHC và xếp hạng giai đoạn ${from}–${to}`,
    trendIndex: 'Chỉ số CCHC (%)',
    trendRank: 'Xếp hạng (1 = cao nhất)',
    trendSummary: (best: { rank: number; year: number } | null, worst: { rank: number; year: number } | null, bi: { index: number; year: number } | null) =>
      [best ? `thứ hạng cao nhất ${best.rank} (năm ${best.year})` : '', worst ? `thấp nhất ${worst.rank} (năm ${worst.year})` : '', bi ? `chỉ số cao nhất ${idx(bi.index, 'vi')}% (năm ${bi.year})` : '']
        .filter(Boolean)
        .join('; '),
    trendLead: (from: number, to: number) => `Giai đoạn ${from}–${to}: `,
    missing: (years: string) => `Không có số liệu các năm ${years}.`,
    lineage: (n: { year: number; kind: string; rule: string; predecessor: { nameVi: string } | null }) =>
      n.kind === 'merge' && n.rule === 'none'
        ? `Từ năm ${n.year} hợp nhất; theo quy tắc đã chọn, không so sánh với cơ quan cũ (bắt đầu chuỗi số liệu mới).`
        : `Từ năm ${n.year} ${n.kind === 'merge' ? 'hợp nhất' : n.kind === 'split' ? 'chia tách' : 'đổi tên'}; các năm trước là số liệu của ${n.predecessor?.nameVi ?? '—'}${n.kind === 'merge' ? ' (theo quy tắc đã chọn)' : ''}.`,
    fieldDirection: (name: string, index: string, avg: string, lost: string) => `Lĩnh vực ${name}: chỉ số thành phần ${index} (bình quân nhóm ${avg}), bị mất ${lost} điểm.`,
    leavesFocus: 'Tập trung khắc phục các tiêu chí',
    surveyDirection:
      'Đối với các tiêu chí đánh giá qua điều tra xã hội học: nâng cao chất lượng phục vụ, công khai, minh bạch thủ tục hành chính, tăng cường thông tin, tuyên truyền để người dân, tổ chức và cán bộ, công chức biết và đánh giá đúng kết quả cải cách hành chính của cơ quan.',
    nearDirection: (rank: number, needed: string, leaves: string) => `Mục tiêu gần nhất: để lên hạng ${rank} cần tăng ${needed} điểm, ưu tiên các tiêu chí ${leaves}.`,
    orgDirections: [
      'Lập kế hoạch khắc phục: mỗi tiêu chí bị mất điểm giao cho một phòng chủ trì, các phòng phối hợp và thời hạn hoàn thành; theo dõi, đôn đốc đến khi hoàn thành, kết quả làm tài liệu kiểm chứng cho năm sau.',
      'Thành lập Hội đồng đánh giá kết quả cải cách hành chính nội bộ để đánh giá, xếp loại công tác cải cách hành chính của các phòng, gắn trách nhiệm của Trưởng phòng với kết quả Chỉ số CCHC của cơ quan.',
      'Các phòng rà soát nhiệm vụ được giao tại kế hoạch cải cách hành chính, kế hoạch kiểm soát thủ tục hành chính năm và chủ động tham mưu hoàn thành đúng hạn.',
      'Khuyến khích công chức, người lao động đăng ký, thực hiện sáng kiến trong lĩnh vực cải cách hành chính; hằng năm tổ chức sơ kết, tổng kết, biểu dương, khen thưởng tập thể, cá nhân tiêu biểu.',
    ],
    source: (decision: string, revision: number, hash: string, at: string) =>
      `Ghi chú: số liệu lấy từ kết quả Chỉ số CCHC đã công bố${decision ? ` (Quyết định số ${decision})` : ''}, phiên bản ${revision}, mã kiểm tra SHA-256 ${hash.slice(0, 16)}…; báo cáo được lập tự động bằng ParIndex ${at}.`,
    recipients: 'Nơi nhận:',
    recipientList: (isHomeAffairs: boolean) => [
      isHomeAffairs ? 'UBND tỉnh (để báo cáo);' : 'Sở Nội vụ (để theo dõi);',
      'Lãnh đạo cơ quan;',
      'Các phòng, đơn vị thuộc cơ quan;',
      'Lưu: VT.',
    ],
    sign: '(Ký, ghi rõ họ tên)',
  },
  en: {
    nation: 'SOCIALIST REPUBLIC OF VIET NAM',
    motto: 'Independence - Freedom - Happiness',
    number: (suffix: string) => `No.:          /BC-${suffix}`,
    report: 'REPORT',
    title: (y: number) => `Analysis of the ${y} Public Administration Reform (PAR) Index results`,
    basis: (decision: string, date: string | null, committee: string, year: number) =>
      decision
        ? `Pursuant to Decision No. ${decision}${date ? ` of ${date}` : ''} of ${committee} publishing the ${year} PAR Index results of the agencies of the province,`
        : `Pursuant to the ${year} PAR Index results published by ${committee},`,
    intro: (agency: string) => `the ${agency} reports its analysis of the results, their causes and the proposed remediation as follows:`,
    s: ['OVERALL RESULT', 'COMPONENT INDICES', 'POINTS LOST BY FIELD AND CRITERION', 'LEAVES THAT LOST THE MOST POINTS', 'WHAT IT TAKES TO CLIMB', 'ROBUSTNESS OF THE RANK', 'TREND OVER THE YEARS', 'PROPOSED REMEDIATION DIRECTIONS'],
    indexLine: (index: string, points: string, max: string, cls: string | null) => `PAR Index: ${index}; total points ${points}/${max}${cls ? `; classification: ${cls}` : ''}.`,
    rankLine: (rank: number, of: number, group: string, prev: { year: number; rank: number } | null, change: number | null, tied: boolean) =>
      `Rank: ${rank}/${of} ${group}${tied ? ' (tied)' : ''}${prev ? `; ${prev.year}: ${prev.rank}/${of}` : ''}${change === null ? '' : change > 0 ? ` (up ${change})` : change < 0 ? ` (down ${-change})` : ' (unchanged)'}.`,
    groupLine: (avg: string, best: string, bestNames: string) => `Group average: ${avg}; best: ${best} (${bestNames}).`,
    cmpCols: (y: number, py: number | null) => ['No.', 'Index', `${y} (%)`, py ? `${py} (%)` : 'Last year (%)', '+/−', 'Group avg. (%)', 'Best (%)'],
    aboveCol: (rank: number) => `Rank ${rank} (%)`,
    totalRow: 'PAR Index',
    aboveNote: (list: string) => `Agencies just above: ${list}.`,
    lossIntro: (lost: string, max: string, bonus: string, deduction: string, net: string) =>
      `The fields lost ${lost} points of the ${max} applicable maximum (before the bonus of ${bonus} and deductions of ${deduction}); after bonus and deductions the total is ${net} points short of the maximum.`,
    lossCols: ['No.', 'Field, criterion', 'Max', 'Points', 'Lost', 'Share (%)'],
    lossTotal: 'Total',
    waterfallCaption: (n: number) => `Chart ${n}. Points lost by field (points)`,
    waterfallAxis: 'Points lost',
    waterfallTotal: 'Total',
    bonusBar: 'Bonus',
    deductionBar: 'Deductions',
    clampBar: 'Bounded to 0–max',
    leafCols: ['No.', 'Code', 'Leaf criterion', 'Max', 'Points', 'Lost', 'Last year'],
    surveyMark: ' (*)',
    surveyNote: '(*) Assessed by the sociological survey: the points come from respondents, not from self-assessment.',
    noLeaves: 'No leaf lost points.',
    climbIntro: (mode: string) =>
      `With the other agencies unchanged, the table gives the index needed for each better rank, the points to gain and the smallest set of realistically improvable leaves (${mode}) that delivers them.`,
    modeOneStep: 'each leaf one level up',
    modeToMax: 'each leaf at its maximum',
    climbCols: ['Target rank', 'Index needed (%)', 'Points to gain', 'Suggested leaves', 'Expected result'],
    unreachable: 'Not reachable with the improvable leaves',
    result: (index: string, rank: number) => `${index}; rank ${rank}`,
    best: (n: number, gain: string, index: string, rank: number) => `Improving all ${n} improvable leaves (${gain} points in total) would give a PAR Index of ${index} and rank ${rank}.`,
    topRank: 'The agency ranks first in its group; the task is to keep the result.',
    nextDetail: (rank: number, needed: string) => `Reaching rank ${rank} takes ${needed} more points:`,
    leafStep: (code: string, name: string, from: string, to: string, gain: string, level: string | null) => `Leaf ${code} ${name}: from ${from} to ${to} points (+${gain})${level ? `, level “${level}”` : ''}.`,
    mcNone: (draws: number) => `This year has no survey confidence intervals (the survey results were entered as points), so the ${int(draws, 'en')} simulated draws leave the rank unchanged.`,
    mc: (draws: number, leaves: number, lo: number, hi: number, p5: number, p95: number, keep: string) =>
      `${int(draws, 'en')} draws of the ${int(leaves, 'en')} survey leaves within their confidence intervals (all other leaves unchanged): the rank ranges from ${lo} to ${hi}, in 90% of the draws between ${p5} and ${p95}; the current rank is kept in ${keep} of the draws.`,
    judgement: (bi: string, br: number, wi: string, wr: number) =>
      `With every self-assessed or appraised leaf judged one level higher: PAR Index ${bi}, rank ${br}; one level lower: ${wi}, rank ${wr}. The interval shows how sensitive the rank is to appraisal judgement.`,
    trendCols: ['Year', 'PAR Index (%)', 'Change (pp)', 'Rank', 'Agencies', 'Rank change'],
    trendCaption: (n: number, from: number, to: number) => `Chart ${n}. PAR Index and rank, ${from}–${to}`,
    trendIndex: 'PAR Index (%)',
    trendRank: 'Rank (1 = best)',
    trendSummary: (best: { rank: number; year: number } | null, worst: { rank: number; year: number } | null, bi: { index: number; year: number } | null) =>
      [best ? `best rank ${best.rank} (${best.year})` : '', worst ? `worst rank ${worst.rank} (${worst.year})` : '', bi ? `highest index ${idx(bi.index, 'en')}% (${bi.year})` : ''].filter(Boolean).join('; '),
    trendLead: (from: number, to: number) => `${from}–${to}: `,
    missing: (years: string) => `No data for ${years}.`,
    lineage: (n: { year: number; kind: string; rule: string; predecessor: { nameEn: string; nameVi: string } | null }) =>
      n.kind === 'merge' && n.rule === 'none'
        ? `Merged in ${n.year}; by the chosen rule, no comparison with a predecessor (a new history).`
        : `${n.kind === 'merge' ? 'Merged' : n.kind === 'split' ? 'Split' : 'Renamed'} in ${n.year}; earlier years are those of ${n.predecessor ? n.predecessor.nameEn || n.predecessor.nameVi : '—'}${n.kind === 'merge' ? ' (the chosen rule)' : ''}.`,
    fieldDirection: (name: string, index: string, avg: string, lost: string) => `${name}: component index ${index} (group average ${avg}), ${lost} points lost.`,
    leavesFocus: 'Focus on the leaves',
    surveyDirection:
      'For the leaves assessed by the survey: improve service quality and the openness of administrative procedures, and inform citizens, organisations and civil servants so that they know and fairly assess the agency’s reform results.',
    nearDirection: (rank: number, needed: string, leaves: string) => `Nearest target: reaching rank ${rank} takes ${needed} more points, first of all from leaves ${leaves}.`,
    orgDirections: [
      'Draw up a remediation plan: each leaf that lost points is assigned to a lead division, with supporting divisions and a deadline, and followed up until done; the outputs become next year’s evidence.',
      'Set up an internal PAR council that evaluates and ranks the divisions’ reform work and ties the division heads to the agency’s PAR Index.',
      'Each division reviews its tasks in the annual PAR plan and the administrative-procedure control plan and completes them on time.',
      'Encourage staff to register and carry out reform initiatives; hold a yearly review that commends the best teams and individuals.',
    ],
    source: (decision: string, revision: number, hash: string, at: string) =>
      `Note: figures from the published PAR Index results${decision ? ` (Decision No. ${decision})` : ''}, revision ${revision}, SHA-256 ${hash.slice(0, 16)}…; report generated by ParIndex on ${at}.`,
    recipients: 'Recipients:',
    recipientList: (isHomeAffairs: boolean) => [
      isHomeAffairs ? "Provincial People's Committee (for reporting);" : 'Department of Home Affairs (for follow-up);',
      'Agency leadership;',
      'Divisions of the agency;',
      'Archive: clerical office.',
    ],
    sign: '(Signature, full name)',
  },
} as const;

const pickName = (x: { nameVi: string; nameEn: string }, lang: Lang) => nameIn(x, lang);

/** The .docx bytes of an agency's analysis report. */
export async function buildAgencyReport(a: AgencyAnalysis, meta: ReportMeta, lang: Lang): Promise<Buffer> {
  const t = L[lang];
  const agencyName = pickName(a.agency, lang);
  const groupLabel = groupLabelOf(a.group)[lang];
  const nameOf = new Map(a.agencies.map((x) => [x.agencyId, pickName(x, lang)]));
  const fieldName = new Map(a.fields.map((f) => [f.code, pickName(f, lang)]));
  const s = a.summary;
  const w = a.waterfall;
  const tr = a.trend;

  // The two charts are rasterised off the event loop while the document is assembled.
  const barName = (b: (typeof w.bars)[number]) =>
    b.kind === 'field' ? (fieldName.get(b.code ?? '') ?? pickName(b, lang)) : b.kind === 'bonus' ? t.bonusBar : b.kind === 'deduction' ? t.deductionBar : t.clampBar;
  const waterfallPng = svgToPng(
    waterfallSvg({
      lang,
      bars: w.bars.map((b) => ({ label: b.kind === 'field' ? (b.code ?? '') : '', name: barName(b), amount: b.amount, kind: b.kind })),
      netLost: w.netLost,
      axisLabel: t.waterfallAxis,
      totalLabel: t.waterfallTotal,
    }),
  );
  const trendPng = tr.points.length ? svgToPng(trendSvg({ lang, from: tr.from!, to: tr.to!, points: tr.points, indexLabel: t.trendIndex, rankLabel: t.trendRank })) : null;
  // An unawaited rejection must not go unhandled if building fails first.
  waterfallPng.catch(() => undefined);
  trendPng?.catch(() => undefined);

  const children: (Paragraph | Table)[] = [];
  let chart = 0;
  let section = 0;
  const head = () => heading(`${ROMAN[section++]}. ${t.s[section - 1]}`);

  // Heading block (Nghị định 30/2020, Phụ lục I): issuing body | national heading; number | place and date.
  const left = Math.round(TEXT_WIDTH * 0.4);
  const right = TEXT_WIDTH - left;
  const gen = vnDate(meta.generatedAt);
  children.push(
    layoutTable(
      [left, right],
      [
        [
          [
            centered(governingHeading(meta.province, lang), { size: SIZE.table }),
            centered(agencyName.toUpperCase(), { bold: true, size: SIZE.table }),
            rule(left, Math.round(left * 0.35)),
          ],
          [centered(t.nation, { bold: true, size: SIZE.table }), centered(t.motto, { bold: true, size: SIZE.heading }), rule(right, Math.round(right * 0.56))],
        ],
        [
          [centered(t.number(numberSuffix(meta.abbreviation)), { size: SIZE.heading, before: 60 })],
          [centered(`${placeName(meta.province.nameVi)}, ${longDate(gen, lang)}`, { italics: true, size: SIZE.body, before: 60 })],
        ],
      ],
    ),
  );
  children.push(centered(t.report, { bold: true, before: 360 }), centered(t.title(a.year), { bold: true }), rule(TEXT_WIDTH, Math.round(TEXT_WIDTH * 0.25)));
  children.push(body(t.basis(meta.decisionNumber, shortDate(meta.decisionDate, lang), committeeName(meta.province, lang), a.year)), body(t.intro(agencyName)));

  // I. Overall result.
  children.push(head(), body([new TextRun({ text: lang === 'vi' ? s.sentence.vi : s.sentence.en, bold: true })]));
  const cls = a.classification ? (lang === 'vi' ? a.classification.labelVi : a.classification.labelEn) : null;
  children.push(dash(t.indexLine(pct(s.totalIndex, lang), pts(w.totalPoints, lang), pts(w.applicableMax, lang), cls)));
  children.push(dash(t.rankLine(s.rank.rank, s.rank.of, groupLabel, s.previousRank !== null && a.previousYear !== null ? { year: a.previousYear, rank: s.previousRank } : null, s.change, s.rank.tied)));
  const total = a.comparison.total;
  if (total.groupAverage !== null && total.best) {
    children.push(dash(t.groupLine(pct(total.groupAverage, lang), pct(total.best.index, lang), joinList(total.best.agencyIds.map((id) => nameOf.get(id) ?? id), lang))));
  }

  // II. Component indices against last year, the group average, the best and the agencies just above.
  children.push(head());
  const above = a.comparison.above.slice(0, 2);
  const cmpCols = [
    ...t.cmpCols(a.year, a.previousYear).map((title, i) => ({ title, weight: [7, 30, 10, 10, 10, 10, 10][i]!, align: (i === 0 ? 'center' : i === 1 ? 'left' : 'right') as 'left' | 'center' | 'right' })),
    ...above.map((x) => ({ title: t.aboveCol(x.rank), weight: 10, align: 'right' as const })),
  ];
  const cmpRow = (r: typeof total, n: string, bold: boolean): Cell[] => [
    { text: n, bold },
    { text: r.code === null ? t.totalRow : `${r.code}. ${pickName(r, lang)}`, bold },
    { text: idx(r.index, lang), bold },
    { text: idx(r.previousIndex, lang), bold },
    { text: signedIdx(r.change, lang), bold },
    { text: idx(r.groupAverage, lang), bold },
    { text: idx(r.best?.index ?? null, lang), bold },
    ...above.map((x) => ({ text: idx(r.above.find((y) => y.agencyId === x.agencyId)?.index ?? null, lang), bold })),
  ];
  children.push(dataTable(cmpCols, [...a.comparison.fields.map((f, i) => cmpRow(f, String(i + 1), false)), cmpRow(total, '', true)], { size: SIZE.small }));
  if (a.comparison.above.length) {
    children.push(body(t.aboveNote(joinList(a.comparison.above.map((x) => `${pickName(x, lang)} (${lang === 'vi' ? 'hạng' : 'rank'} ${x.rank}, ${pct(x.totalIndex, lang)})`), lang)), { italics: true, size: SIZE.table }));
  }

  // III. Where points were lost: table by field and criterion, then the waterfall.
  children.push(head());
  children.push(body(t.lossIntro(pts(w.lostBeforeAdjustments, lang), pts(w.applicableMax, lang), pts(w.bonus, lang), pts(w.deduction, lang), pts(w.netLost, lang))));
  const share = (lost: number) => (w.lostBeforeAdjustments > 0 ? idx(Math.round((lost * 10000) / w.lostBeforeAdjustments), lang) : '—');
  const lossRows: Cell[][] = [];
  w.fields.forEach((f, i) => {
    lossRows.push([{ text: String(i + 1), bold: true }, { text: `${f.code}. ${pickName(f, lang)}`, bold: true }, { text: pts(f.applicableMax, lang), bold: true }, { text: pts(f.points, lang), bold: true }, { text: pts(f.lost, lang), bold: true }, { text: share(f.lost), bold: true }]);
    for (const c of f.children.filter((x) => x.lost > 0)) {
      lossRows.push([{ text: '' }, { text: `${c.code}. ${pickName(c, lang)}`, italics: true, indent: 1 }, { text: pts(c.applicableMax, lang), italics: true }, { text: pts(c.points, lang), italics: true }, { text: pts(c.lost, lang), italics: true }, { text: share(c.lost), italics: true }]);
    }
  });
  lossRows.push([{ text: '' }, { text: t.lossTotal, bold: true }, { text: pts(w.applicableMax, lang), bold: true }, { text: pts(w.regularPoints, lang), bold: true }, { text: pts(w.lostBeforeAdjustments, lang), bold: true }, { text: w.lostBeforeAdjustments > 0 ? idx(10000, lang) : '—', bold: true }]);
  children.push(
    dataTable(
      t.lossCols.map((title, i) => ({ title, weight: [7, 45, 12, 12, 12, 12][i]!, align: (i === 0 ? 'center' : i === 1 ? 'left' : 'right') as 'left' | 'center' | 'right' })),
      lossRows,
      { size: SIZE.small },
    ),
  );
  children.push(...figure(await waterfallPng, { width: 1000, height: 520 }, t.waterfallCaption(++chart), t.waterfallCaption(chart)));

  // IV. The leaves that lost the most.
  children.push(head());
  if (a.topLost.length === 0) children.push(body(t.noLeaves));
  else {
    const anySurvey = a.topLost.some((l) => l.method === 'survey');
    children.push(
      dataTable(
        t.leafCols.map((title, i) => ({ title, weight: [7, 8, 49, 9, 9, 9, 9][i]!, align: (i <= 1 ? 'center' : i === 2 ? 'left' : 'right') as 'left' | 'center' | 'right' })),
        a.topLost.map((l, i) => [
          String(i + 1),
          l.code,
          `${pickName(l, lang)}${l.method === 'survey' ? t.surveyMark : ''}`,
          pts(l.max, lang),
          pts(l.points, lang),
          { text: pts(l.lost, lang), bold: true },
          l.previousPoints === null ? '—' : pts(l.previousPoints, lang),
        ]),
        { size: SIZE.small },
      ),
    );
    if (anySurvey) children.push(body(t.surveyNote, { italics: true, size: SIZE.table, indent: false }));
  }

  // V. What it takes to climb.
  children.push(head());
  const wit = a.whatItTakes;
  const levelOf = (l: (typeof wit.improvable)[number]) => (l.level ? (lang === 'vi' ? l.level.labelVi : l.level.labelEn || l.level.labelVi) : null);
  if (wit.currentRank <= 1) children.push(body(t.topRank));
  else {
    children.push(body(t.climbIntro(wit.mode === 'to_max' ? t.modeToMax : t.modeOneStep)));
    const byRank = [...wit.targets].sort((x, y) => y.rank - x.rank);
    const chosen = byRank.slice(0, 3);
    const first = byRank.find((x) => x.rank === 1);
    if (first && !chosen.includes(first)) chosen.push(first);
    children.push(
      dataTable(
        t.climbCols.map((title, i) => ({ title, weight: [10, 13, 12, 45, 20][i]!, align: (i === 0 ? 'center' : i === 3 ? 'left' : 'right') as 'left' | 'center' | 'right' })),
        chosen.map((x) => [
          String(x.rank),
          idx(x.neededIndex, lang),
          pts(x.pointsNeeded, lang),
          x.reachable ? x.leaves.map((l) => `${l.code} (+${pts(l.gain, lang)})`).join(', ') : t.unreachable,
          x.reachable && x.resultIndex !== null && x.resultRank !== null ? t.result(pct(x.resultIndex, lang), x.resultRank) : '—',
        ]),
        { size: SIZE.small },
      ),
    );
    if (wit.improvable.length) children.push(body(t.best(wit.improvable.length, pts(wit.maxGain, lang), pct(wit.best.index, lang), wit.best.rank)));
    const next = byRank[0];
    if (next?.reachable && next.leaves.length) {
      children.push(body(t.nextDetail(next.rank, pts(next.pointsNeeded, lang)), { keepNext: true }));
      for (const l of next.leaves) children.push(dash(t.leafStep(l.code, pickName(l, lang), pts(l.from, lang), pts(l.to, lang), pts(l.gain, lang), levelOf(l))));
    }
  }

  // VI. Rank robustness.
  children.push(head());
  const rb = a.robustness;
  const r = rb.agency;
  if (r) {
    const keep = r.probabilities.find((p) => p.rank === r.currentRank);
    children.push(
      body(rb.surveyLeavesDrawn === 0 ? t.mcNone(rb.draws) : t.mc(rb.draws, rb.surveyLeavesDrawn, r.ranks.min, r.ranks.max, r.ranks.p5, r.ranks.p95, pct(keep?.percent ?? 0, lang))),
    );
    if (r.appraisal) children.push(body(t.judgement(pct(r.appraisal.best.index, lang), r.appraisal.best.rank, pct(r.appraisal.worst.index, lang), r.appraisal.worst.rank)));
  }

  // VII. Trend: table and line chart.
  children.push(head());
  if (tr.points.length) {
    children.push(body(`${t.trendLead(tr.from!, tr.to!)}${t.trendSummary(tr.bestRank, tr.worstRank, tr.bestIndex)}.`));
    if (tr.missingYears.length) children.push(body(t.missing(tr.missingYears.join(', ')), { italics: true }));
    for (const n of a.lineage ?? []) children.push(body(t.lineage(n), { italics: true }));
    children.push(
      dataTable(
        t.trendCols.map((title, i) => ({ title, weight: [12, 18, 18, 14, 14, 16][i]!, align: (i === 0 ? 'center' : 'right') as 'center' | 'right' })),
        tr.points.map((p) => [String(p.year), idx(p.totalIndex, lang), p.indexChange === null ? '—' : signedIdx(p.indexChange, lang), p.rank === null ? '—' : String(p.rank), p.of === null ? '—' : String(p.of), rankChangeMark(p.rankChange) || '—']),
        { size: SIZE.small },
      ),
    );
    children.push(...figure((await trendPng)!, { width: 1000, height: 600 }, t.trendCaption(++chart, tr.from!, tr.to!), t.trendCaption(chart, tr.from!, tr.to!)));
  }

  // VIII. Proposed remediation directions.
  children.push(head());
  let n = 0;
  const numbered = (text: string, bold = false, keepNext = false) => body([new TextRun({ text: `${++n}. `, bold }), new TextRun({ text, bold })], { keepNext });
  const majority = new Set(s.majority?.codes ?? []);
  const weakFields = s.lostByField.filter((f) => majority.has(f.code) || s.lostByField.indexOf(f) < 2).slice(0, 4);
  for (const f of weakFields) {
    const cmp = a.comparison.fields.find((c) => c.code === f.code);
    children.push(numbered(t.fieldDirection(pickName(f, lang), pct(cmp?.index ?? null, lang), pct(cmp?.groupAverage ?? null, lang), pts(f.lost, lang)), true));
    const leaves = a.topLost.filter((l) => l.fieldCode === f.code).slice(0, 4);
    if (leaves.length) {
      children.push(body(`${t.leavesFocus}: ${leaves.map((l) => `${l.code} ${pickName(l, lang)} (−${pts(l.lost, lang)})`).join('; ')}.`));
    }
  }
  if (a.topLost.some((l) => l.method === 'survey')) children.push(numbered(t.surveyDirection));
  const nearest = [...wit.targets].sort((x, y) => y.rank - x.rank)[0];
  if (nearest?.reachable && nearest.leaves.length) children.push(numbered(t.nearDirection(nearest.rank, pts(nearest.pointsNeeded, lang), joinList(nearest.leaves.map((l) => l.code), lang))));
  t.orgDirections.forEach((d, i) => children.push(numbered(d, false, i === t.orgDirections.length - 1)));
  const at = lang === 'vi' ? longDate(gen, 'vi') : longDate(gen, 'en');
  // The note, the last direction and the signature stay together: a signature never stands alone on a page.
  children.push(body(t.source(meta.decisionNumber, meta.revision, meta.contentHash, at), { italics: true, size: SIZE.small, keepNext: true }));

  // Recipients and signature.
  const isHomeAffairs = /^sở nội vụ/i.test(a.agency.nameVi.trim());
  const recipients = [
    centeredLeft(t.recipients),
    ...t.recipientList(isHomeAffairs).map((x) => smallLine(`- ${x}`)),
  ];
  const signer = [
    ...signerTitle(a.agency.nameVi, lang).map((line) => centered(line, { bold: true, size: SIZE.heading })),
    centered(t.sign, { italics: true, size: SIZE.small, after: 1400 }),
  ];
  const half = Math.round(TEXT_WIDTH / 2);
  children.push(centered('', { before: 120, keepNext: true }), layoutTable([half, TEXT_WIDTH - half], [[recipients, signer]]));

  const doc = new Document({
    creator: 'ParIndex',
    title: `${t.report} ${t.title(a.year)} — ${agencyName}`,
    description: lang === 'vi' ? s.sentence.vi : s.sentence.en,
    styles: documentStyles,
    sections: [{ properties: sectionProperties, headers: pageNumberHeaders(), children }],
  });
  return Packer.toBuffer(doc);
}

/** "Nơi nhận:" (bold italic 12 pt) and its single-spaced items (11 pt), as Nghị định 30/2020 writes them. */
function centeredLeft(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold: true, italics: true, size: SIZE.table })], spacing: { after: 0 } });
}

function smallLine(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, size: SIZE.small })], spacing: { after: 0 } });
}
