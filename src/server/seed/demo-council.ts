/**
 * Demo content of the internal council and initiatives (issue 6, parts 5 and 6), as Ban Dân tộc did after its
 * 2019 result (20th of 20, down 9 places): each of its four divisions answers for leaves of the 2019 framework,
 * the council scored the divisions and recorded its result at the conference of 13/8/2020, and staff registered
 * initiatives. Everything goes through the services, so the audit log and the frozen council sheet are real.
 */
import { and, eq } from 'drizzle-orm';
import { leafNodes } from '../../core/domain/framework';
import type { Database } from '../db/client';
import { periods } from '../db/schema/index';
import type { Ctx } from '../lib/context';
import { recordEvaluation, saveScores, setResponsibilities } from '../modules/council/service';
import { createInitiative, reviewInitiative } from '../modules/initiatives/service';
import { periodFrameworksOf } from '../modules/periods/service';
import { compiledFramework } from '../modules/results/compute';
import type { Actor } from '../policies';
import type { DemoOrg } from './demo';

/** Which division of Ban Dân tộc answers for the leaves under each code prefix (the longest prefix wins). */
const RESPONSIBILITY: [prefix: string, division: string][] = [
  ['1', 'VP'],
  ['1.3', 'TTR'],
  ['1.5', 'KHTH'],
  ['1.6', 'KHTH'],
  ['2', 'TTR'],
  ['3', 'CSDT'],
  ['3.5', 'TTR'],
  ['4', 'VP'],
  ['5', 'VP'],
  ['5.5', 'TTR'],
  ['6', 'KHTH'],
  ['7', 'VP'],
  ['7.2', 'CSDT'],
  ['8', 'VP'],
  ['8.2', 'TTR'],
  ['8.3', 'CSDT'],
  ['8.6', 'KHTH'],
  ['8.8', 'CSDT'],
  ['B', 'KHTH'],
  ['D', 'VP'],
  ['D.4', 'CSDT'],
];

function divisionFor(code: string): string | null {
  let best: [string, string] | null = null;
  for (const [prefix, division] of RESPONSIBILITY) {
    if ((code === prefix || code.startsWith(`${prefix}.`)) && (!best || prefix.length > best[0].length)) best = [prefix, division];
  }
  return best?.[1] ?? null;
}

const SCORES_2019: Record<string, [score: string, comment: string]> = {
  VP: ['72.50', 'Tham mưu kế hoạch, báo cáo CCHC chưa đầy đủ nội dung; cập nhật trang thông tin điện tử chưa kịp thời.'],
  CSDT: ['64.00', 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn và xử lý phản ánh, kiến nghị thấp; cần rà soát quy trình nội bộ.'],
  KHTH: ['81.25', 'Hoàn thành tốt nhiệm vụ tài chính công; có sáng kiến được công nhận.'],
  TTR: ['85.00', 'Thực hiện tốt công tác rà soát văn bản và kiểm tra CCHC.'],
};

/** Seeds BDT's 2019 responsibilities, its recorded 2019 council and three initiatives (after the 2019 snapshot exists). */
export async function seedDemoCouncil(database: Database, org: DemoOrg): Promise<void> {
  const db = database.db;
  const bdt = org.agencyIds.get('BDT');
  const [period2019] = await db.select().from(periods).where(and(eq(periods.provinceId, org.provinceId), eq(periods.year, 2019)));
  if (!bdt || !period2019) return;
  const grant = (role: 'agency_head' | 'agency_focal' | 'division_head', divisionId: number | null = null) => ({ role, agencyId: bdt, divisionId, fieldCodes: [], agencyIds: [] });
  const actor = (username: string, fullName: string, grants: Actor['grants']): Actor => ({ userId: org.userIds.get(username)!, provinceId: org.provinceId, username, fullName, grants });
  const head = actor('bdt.head', 'A Lăng Mai', [grant('agency_head')]);
  const focal = actor('bdt.focal', 'Phạm Thị Lan', [grant('agency_focal')]);
  const divisionHead = actor('bdt.division', 'Hồ Văn Tâm', [grant('division_head', org.divisionIds.get('BDT/CSDT') ?? null)]);
  const ctxAt = (who: Actor, iso: string): Ctx => ({ db, actor: who, requestId: 'seed-demo-council', now: new Date(iso), lang: 'vi' });

  // Responsibilities for the 2019 framework, set by the focal point when the council was founded.
  const pf = (await periodFrameworksOf(db, period2019.id)).find((f) => f.groupId === org.groupIds.SO);
  const entry = pf ? await compiledFramework(db, pf.frameworkId) : null;
  if (!entry) return;
  const assignments = leafNodes(entry.document.nodes).flatMap((leaf) => {
    const division = divisionFor(leaf.code);
    const divisionId = division ? org.divisionIds.get(`BDT/${division}`) : undefined;
    return divisionId ? [{ nodeCode: leaf.code, divisionId }] : [];
  });
  await setResponsibilities(ctxAt(focal, '2020-08-05T02:00:00Z'), bdt, { periodId: period2019.id, assignments });

  // The council scores the divisions and records its result at the conference of 13/8/2020.
  const scored = await saveScores(ctxAt(head, '2020-08-12T03:00:00Z'), bdt, {
    periodId: period2019.id,
    version: null,
    note: 'Hội nghị đánh giá chỉ số CCHC năm 2019 của Ban Dân tộc.',
    scores: Object.entries(SCORES_2019).map(([code, [score, comment]]) => ({ divisionId: org.divisionIds.get(`BDT/${code}`)!, score, comment })),
  });
  await recordEvaluation(ctxAt(head, '2020-08-13T04:00:00Z'), bdt, { periodId: period2019.id, version: scored.evaluation!.version, decisionNumber: '45/QĐ-BDT', decidedOn: '2020-08-13' });

  // Initiatives: one approved (2019), one rejected with a note (2019), one waiting for the head's review (2020).
  const approved = await createInitiative(ctxAt(divisionHead, '2019-10-02T02:00:00Z'), {
    agencyId: bdt,
    year: 2019,
    title: 'Số hóa hồ sơ thực hiện chính sách dân tộc trên phần mềm quản lý văn bản',
    summary: 'Toàn bộ hồ sơ đề nghị hưởng chính sách được tiếp nhận, luân chuyển và lưu trữ điện tử; rút ngắn thời gian xử lý từ 10 xuống 6 ngày làm việc.',
    authors: 'Hồ Văn Tâm, Nguyễn Thị Mai',
    divisionId: org.divisionIds.get('BDT/CSDT') ?? null,
    nodeCodes: ['1.5.1', '7.1.2'],
  });
  await reviewInitiative(ctxAt(head, '2019-11-20T03:00:00Z'), approved.id, { version: approved.version, decision: 'approve', note: 'Đồng ý; đề nghị nhân rộng cho các phòng.' });
  const rejected = await createInitiative(ctxAt(focal, '2019-10-15T02:00:00Z'), {
    agencyId: bdt,
    year: 2019,
    title: 'Hộp thư góp ý giấy tại Bộ phận Một cửa',
    summary: 'Đặt hộp thư góp ý tại nơi tiếp nhận hồ sơ.',
    authors: 'Phạm Thị Lan',
    divisionId: org.divisionIds.get('BDT/VP') ?? null,
    nodeCodes: ['3.5.1'],
  });
  await reviewInitiative(ctxAt(head, '2019-11-20T03:10:00Z'), rejected.id, { version: rejected.version, decision: 'reject', note: 'Đã có quy định chung của tỉnh; chưa phải giải pháp mới.' });
  await createInitiative(ctxAt(focal, '2020-09-01T02:00:00Z'), {
    agencyId: bdt,
    year: 2020,
    title: 'Lồng ghép nội dung CCHC vào giao ban và sinh hoạt chi bộ hằng tháng',
    summary: 'Mỗi cuộc giao ban có mục CCHC: tiến độ nhiệm vụ khắc phục, tiêu chí có nguy cơ mất điểm, phòng chịu trách nhiệm.',
    authors: 'Phạm Thị Lan, A Lăng Mai',
    divisionId: org.divisionIds.get('BDT/VP') ?? null,
    nodeCodes: ['1.1.4', '1.4.2'],
  });
}
