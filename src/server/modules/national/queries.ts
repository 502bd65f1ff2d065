import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

export interface LinkRow {
  national_id: number;
  national_code: string;
  national_name_vi: string;
  national_name_en: string;
  is_synthetic: boolean;
  agency_id: number;
  from_year: number;
  to_year: number | null;
}

/** A province's links to national agencies, with the national tenant of each (oldest first). */
export async function listLinks(db: DbOrTx, provinceId: number): Promise<LinkRow[]> {
  const res = await db.execute(sql`
    select n.id as national_id, n.code as national_code, n.name_vi as national_name_vi, n.name_en as national_name_en, n.is_synthetic,
      l.national_agency_id as agency_id, l.from_year, l.to_year
    from national_links l
    join agencies a on a.id = l.national_agency_id
    join provinces n on n.id = a.province_id and n.kind = 'national'
    where l.province_id = ${provinceId}
    order by l.from_year`);
  return (res as unknown as { rows: LinkRow[] }).rows;
}

/** A province (tenant) by its public code. */
export async function findProvinceByCode(db: DbOrTx, code: string): Promise<{ id: number } | null> {
  const res = await db.execute(sql`select id from provinces where code = ${code}`);
  return (res as unknown as { rows: { id: number }[] }).rows[0] ?? null;
}
