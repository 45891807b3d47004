import type { Preview } from '../support/fixtures'

export const TEAM_HEAD = { role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' }

export type DraftInspection = Record<string, unknown> & { id: number; items: Array<{ id: number }> }

/**
 * A notary office and a draft inspection of it on 15/11/2021 from 08:00, made through the API
 * as the inspection team's editor would; `team` and `endTime` as a spec needs them.
 */
export async function draftInspection(
  preview: Preview,
  unit: { code: string; name: string },
  options: { team?: unknown[]; endTime?: string } = {},
): Promise<DraftInspection> {
  const created = await preview.api('units:create', { ...unit, kindCode: 'notary_office' })
  const inspection = await preview.api('inspections:create', {
    unitId: (created.data as { id: number }).id,
    kind: 'inspection',
    date: '2021-11-15',
    startTime: '08:00',
    ...(options.endTime ? { endTime: options.endTime } : {}),
    team: options.team ?? [TEAM_HEAD],
  })
  return inspection.data as DraftInspection
}
