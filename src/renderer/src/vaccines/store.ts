import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Page, RouteInput } from '@shared/contract'
import type { FileDownload } from '@shared/audit/schemas'
import type { ImportPreview, ImportResult } from '@shared/imports/schemas'
import type {
  CatalogItem,
  Consolidation,
  DoseDto,
  RegistrationDetail,
  RegistrationDto,
  RoundDto,
} from '@shared/vaccines/schemas'
import type { UnitOption } from '@shared/units/schemas'
import { callOrThrow } from '../api/client'

export type RegistrationQuery = RouteInput<'vaccinations:list'>

export const useVaccinesStore = defineStore('vaccines', () => {
  const rounds = ref<RoundDto[]>([])
  const roundId = ref<number | null>(null)
  const summary = ref<Consolidation | null>(null)
  const page = ref<Page<RegistrationDto>>({ items: [], total: 0, page: 1, pageSize: 20 })
  const vaccines = ref<CatalogItem[]>([])
  const groups = ref<CatalogItem[]>([])
  const units = ref<UnitOption[]>([])
  const loading = ref(false)
  const round = computed(() => rounds.value.find((r) => r.id === roundId.value) ?? null)
  let lastQuery: Omit<RegistrationQuery, 'roundId'> = {}
  let requestSeq = 0

  async function loadRounds(): Promise<void> {
    rounds.value = await callOrThrow('vaccineRounds:list', {})
    if (!rounds.value.some((r) => r.id === roundId.value)) roundId.value = rounds.value[0]?.id ?? null
  }

  async function loadLists(): Promise<void> {
    const [v, g, u] = await Promise.all([
      callOrThrow('vaccines:list', {}),
      callOrThrow('priorityGroups:list', {}),
      callOrThrow('units:options', { includeInactive: true }),
    ])
    vaccines.value = v
    groups.value = g
    units.value = u
  }

  async function loadSummary(): Promise<void> {
    summary.value = roundId.value
      ? await callOrThrow('vaccinations:consolidate', { roundId: roundId.value })
      : null
  }

  async function load(query: Omit<RegistrationQuery, 'roundId'> = lastQuery): Promise<void> {
    lastQuery = query
    if (!roundId.value) return
    const seq = ++requestSeq
    loading.value = true
    try {
      const result = await callOrThrow('vaccinations:list', { ...query, roundId: roundId.value })
      if (seq === requestSeq) page.value = result
    } finally {
      if (seq === requestSeq) loading.value = false
    }
  }

  /** After any write: the round's counts, the list and the summary. */
  async function refresh(): Promise<void> {
    await Promise.all([loadRounds(), load(), loadSummary()])
  }

  async function saveRound(input: RouteInput<'vaccineRounds:save'>): Promise<RoundDto> {
    const saved = await callOrThrow('vaccineRounds:save', input)
    roundId.value = saved.id
    await refresh()
    return saved
  }

  async function setSubmitted(unitId: number, submitted: boolean): Promise<void> {
    if (!roundId.value) return
    summary.value = await callOrThrow('vaccineRounds:setSubmitted', {
      roundId: roundId.value,
      unitId,
      submitted,
    })
    await loadRounds()
  }

  async function saveCatalog(kind: 'vaccines' | 'groups', input: RouteInput<'vaccines:save'>): Promise<void> {
    await callOrThrow(kind === 'vaccines' ? 'vaccines:save' : 'priorityGroups:save', input)
    await loadLists()
  }

  /** The round's list (all units, or one) as a workbook, a printable PDF or a Word file. */
  async function exportList(
    kind: 'xlsx' | 'pdf' | 'docx',
    unitId: number | null,
  ): Promise<FileDownload | null> {
    if (!roundId.value) return null
    const input = { roundId: roundId.value, unitId }
    const route = (
      {
        xlsx: 'vaccinations:exportXlsx',
        pdf: 'vaccinations:exportPdf',
        docx: 'vaccinations:exportDocx',
      } as const
    )[kind]
    return callOrThrow(route, input)
  }

  const importTemplate = (): Promise<FileDownload> => callOrThrow('vaccinations:importTemplate', {})
  const importPreview = (input: RouteInput<'vaccinations:importPreview'>): Promise<ImportPreview> =>
    callOrThrow('vaccinations:importPreview', input)
  const importConfirm = (input: RouteInput<'vaccinations:importConfirm'>): Promise<ImportResult> =>
    callOrThrow('vaccinations:importConfirm', input)

  const getRegistration = (id: number): Promise<RegistrationDetail> => callOrThrow('vaccinations:get', { id })
  const staffDoses = (staffId: number): Promise<DoseDto[]> =>
    callOrThrow('vaccinations:staffDoses', { staffId })
  const createRegistration = (input: RouteInput<'vaccinations:create'>): Promise<RegistrationDetail> =>
    callOrThrow('vaccinations:create', input)
  const updateRegistration = (input: RouteInput<'vaccinations:update'>): Promise<RegistrationDetail> =>
    callOrThrow('vaccinations:update', input)
  const clearContraindication = (id: number, reason: string): Promise<RegistrationDetail> =>
    callOrThrow('vaccinations:clearContraindication', { id, reason })

  return {
    exportList,
    importTemplate,
    importPreview,
    importConfirm,
    getRegistration,
    staffDoses,
    createRegistration,
    updateRegistration,
    clearContraindication,
    rounds,
    roundId,
    round,
    summary,
    page,
    vaccines,
    groups,
    units,
    loading,
    loadRounds,
    loadLists,
    loadSummary,
    load,
    refresh,
    saveRound,
    setSubmitted,
    saveCatalog,
  }
})
