import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { UnitKindDto, UnitOption } from '@shared/units/schemas'
import type { PlanSummaryDto, TeamMemberDto, TemplateDto } from '@shared/inspections/schemas'
import { callOrThrow } from '../api/client'
import { action } from '../api/action'

/** Pickers the inspection screens share (units, unit kinds, plans, checklist templates) and their route calls. */
export const useInspectionsStore = defineStore('inspections', () => {
  const units = ref<UnitOption[]>([])
  const kinds = ref<UnitKindDto[]>([])
  const plans = ref<PlanSummaryDto[]>([])
  const templates = ref<TemplateDto[]>([])

  async function loadPickers(): Promise<void> {
    const [u, k, p, t] = await Promise.all([
      callOrThrow('units:options', { includeInactive: true }),
      callOrThrow('unitKinds:list', {}),
      callOrThrow('plans:list', { pageSize: 500 }),
      callOrThrow('templates:list', {}),
    ])
    units.value = u
    kinds.value = k
    plans.value = p.items
    templates.value = t
  }

  return {
    inspectionAddPhoto: action('inspections:addPhoto'),
    inspectionCalendar: action('inspections:calendar'),
    unitHistory: action('inspections:unitHistory'),
    unitGet: action('units:get'),
    inspectionAddSignedScan: action('inspections:addSignedScan'),
    inspectionRemoveSignedScan: action('inspections:removeSignedScan'),
    inspectionSignedScan: action('inspections:signedScan'),
    recommendationAddEvidence: action('recommendations:addEvidence'),
    recommendationRemoveEvidence: action('recommendations:removeEvidence'),
    recommendationEvidence: action('recommendations:evidence'),
    inspectionCorrect: action('inspections:correct'),
    inspectionDelete: action('inspections:delete'),
    inspectionFinalise: action('inspections:finalise'),
    inspectionGet: action('inspections:get'),
    inspectionMinutesPdf: action('inspections:minutesPdf'),
    inspectionMinutesDocx: action('inspections:minutesDocx'),
    inspectionPhoto: action('inspections:photo'),
    inspectionRemovePhoto: action('inspections:removePhoto'),
    inspectionUpdate: action('inspections:update'),
    inspectionCreate: action('inspections:create'),
    inspectionList: action('inspections:list'),
    planCreate: action('plans:create'),
    planGet: action('plans:get'),
    planList: action('plans:list'),
    planReportPdf: action('plans:reportPdf'),
    planReportDocx: action('plans:reportDocx'),
    planUpdate: action('plans:update'),
    recommendationFollow: action('recommendations:follow'),
    recommendationOverdue: action('recommendations:overdue'),
    templateList: action('templates:list'),
    templateSave: action('templates:save'),
    units,
    kinds,
    plans,
    templates,
    loadPickers,
  }
})

/** A new team: its head first, as the minutes list them. */
export function emptyTeam(): TeamMemberDto[] {
  return [{ role: 'head', fullName: '', title: null, unitId: null, unitName: null }]
}

/** Reads a picked file as base64 (without the data: prefix), for a route input. */
export function fileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(file)
  })
}
