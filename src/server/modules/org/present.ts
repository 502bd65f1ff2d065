import type { Agency, AgencyGroup, Division, Province } from '../../../core/schemas/org';
import { abilitiesFor, type Actor } from '../../policies';
import type { AgencyGroupRow, AgencyListRow, DivisionRow, ProvinceRow } from './queries';

export function presentProvince(row: ProvinceRow, actor: Actor | null): Province {
  return {
    id: row.id,
    code: row.code,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    governingBodyVi: row.governingBodyVi,
    version: row.version,
    abilities: abilitiesFor(actor, ['province.update'], { provinceId: row.id }),
  };
}

export function presentGroup(row: AgencyGroupRow, agencyCount: number, actor: Actor | null): AgencyGroup {
  return {
    id: row.id,
    code: row.code,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    position: row.position,
    isActive: row.isActive,
    agencyCount,
    version: row.version,
    abilities: abilitiesFor(actor, ['agencyGroup.update'], { provinceId: row.provinceId }),
  };
}

export function presentAgency(row: AgencyListRow, actor: Actor | null): Agency {
  const a = row.agency;
  const resource = { provinceId: a.provinceId, agencyId: a.id };
  return {
    id: a.id,
    code: a.code,
    nameVi: a.nameVi,
    nameEn: a.nameEn,
    abbreviation: a.abbreviation,
    groupId: a.groupId,
    groupCode: row.groupCode,
    groupNameVi: row.groupNameVi,
    groupNameEn: row.groupNameEn,
    parentId: a.parentId,
    parentNameVi: row.parentNameVi,
    activeFromYear: a.activeFromYear,
    activeToYear: a.activeToYear,
    isActive: a.isActive,
    divisionCount: row.divisionCount,
    version: a.version,
    abilities: abilitiesFor(actor, ['agency.update', 'agency.deactivate', 'division.create'], resource),
  };
}

export function presentDivision(row: DivisionRow, provinceId: number, actor: Actor | null): Division {
  return {
    id: row.id,
    agencyId: row.agencyId,
    code: row.code,
    nameVi: row.nameVi,
    nameEn: row.nameEn,
    isActive: row.isActive,
    version: row.version,
    abilities: abilitiesFor(actor, ['division.update'], { provinceId, agencyId: row.agencyId }),
  };
}
