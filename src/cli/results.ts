import { eq } from 'drizzle-orm';
import { provinces } from '../server/db/schema/index';
import { computeGroupResults } from '../server/modules/results/compute';
import { findGroup } from '../server/modules/results/queries';
import type { Command } from './commands';

/** `results --year <y> --group <code> [--province <code>] [--json]`: a year's group results from stored scores. */
export const resultsCommand: Command = {
  summary: "print a year's group results from stored scores: --year 2019 --group SO [--province QNAM] [--json]",
  options: { year: { type: 'string' }, group: { type: 'string' }, province: { type: 'string' }, json: { type: 'boolean' } },
  async run({ database, values }) {
    const year = Number(values.year);
    const groupCode = String(values.group ?? '');
    if (!Number.isInteger(year) || !groupCode) {
      console.error('Usage: npm run cli -- results --year <year> --group <group code> [--province <code>] [--json]');
      return 2;
    }
    const db = database.db;
    const province = values.province
      ? (await db.select().from(provinces).where(eq(provinces.code, String(values.province))).limit(1))[0]
      : (await db.select().from(provinces).limit(1))[0];
    if (!province) {
      console.error('No province found.');
      return 1;
    }
    const group = await findGroup(db, province.id, { code: groupCode });
    if (!group) {
      console.error(`No agency group "${groupCode}" in province ${province.code}.`);
      return 1;
    }
    const res = await computeGroupResults(db, province.id, year, group.id);
    if (!res) {
      console.error(`No ${year} period with a framework for group ${groupCode}.`);
      return 1;
    }
    const rows = res.agencies.map((a) => ({
      code: a.code,
      name: a.nameVi,
      totalIndex: a.totalIndex,
      rank: a.rank,
      rankChange: a.rankChange,
      class: a.classification?.labelVi ?? null,
      components: Object.fromEntries(a.components.map((c) => [c.code, c.index])),
    }));
    if (values.json) {
      console.log(JSON.stringify({ year, group: groupCode, agencyCount: rows.length, agencies: rows }, null, 2));
      return 0;
    }
    console.log(`${res.group.nameVi} — ${year} (${rows.length} cơ quan)`);
    for (const r of rows) {
      const change = r.rankChange == null ? '' : r.rankChange > 0 ? `▲${r.rankChange}` : r.rankChange < 0 ? `▼${-r.rankChange}` : '=';
      console.log(`${String(r.rank).padStart(3)}. ${r.code.padEnd(10)} ${String(r.totalIndex).padStart(6)}  ${change.padEnd(4)} ${String(r.class).padEnd(10)} ${r.name}`);
    }
    return 0;
  },
};
