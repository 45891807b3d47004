import type { EntityManager } from 'typeorm'
import type { TeamMemberDto } from '@shared/inspections/schemas'
import { InspectionRepresentativeEntity, TeamMemberEntity } from './entities'
import type { TeamMemberRow } from './entities'
import { requireUnit } from './lookups'

/** A team belongs to a plan or to one inspection. */
export type TeamOwner = { planId: number } | { inspectionId: number }

export const teamMemberDto = (r: TeamMemberRow): TeamMemberDto => ({
  role: r.role,
  fullName: r.fullName,
  title: r.title,
  unitId: r.unitId,
  unitName: r.unitName,
})

export async function readTeam(m: EntityManager, owner: TeamOwner): Promise<TeamMemberDto[]> {
  const rows = await m.getRepository(TeamMemberEntity).find({ where: owner, order: { position: 'ASC' } })
  return rows.map(teamMemberDto)
}

/** The team as the form lists it, in its order: what was there is replaced. */
export async function writeTeam(m: EntityManager, owner: TeamOwner, team: TeamMemberDto[]): Promise<void> {
  const repo = m.getRepository(TeamMemberEntity)
  await repo.delete(owner)
  for (const [i, t] of team.entries()) if (t.unitId) await requireUnit(m, t.unitId, `team.${i}.unitId`)
  if (!team.length) return
  await repo.insert(
    team.map((t, i) => ({
      planId: 'planId' in owner ? owner.planId : null,
      inspectionId: 'inspectionId' in owner ? owner.inspectionId : null,
      position: i + 1,
      role: t.role,
      fullName: t.fullName,
      title: t.title,
      unitId: t.unitId,
      unitName: t.unitName,
    })),
  )
}

export async function writeRepresentatives(
  m: EntityManager,
  inspectionId: number,
  list: Array<{ fullName: string; title: string | null }>,
): Promise<void> {
  const repo = m.getRepository(InspectionRepresentativeEntity)
  await repo.delete({ inspectionId })
  if (!list.length) return
  await repo.insert(
    list.map((r, i) => ({ inspectionId, position: i + 1, fullName: r.fullName, title: r.title })),
  )
}
