import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Page, RouteInput } from '@shared/contract'
import type { FileDownload } from '@shared/audit/schemas'
import type { ImportPreview, ImportResult } from '@shared/imports/schemas'
import type { StaffDetail, StaffDto } from '@shared/staff/schemas'
import type { UnitOption } from '@shared/units/schemas'
import { callOrThrow } from '../api/client'

export type StaffQuery = RouteInput<'staff:list'>

export const useStaffStore = defineStore('staff', () => {
  const page = ref<Page<StaffDto>>({ items: [], total: 0, page: 1, pageSize: 20 })
  const units = ref<UnitOption[]>([])
  const loading = ref(false)
  let lastQuery: StaffQuery = {}
  let requestSeq = 0

  async function load(query: StaffQuery = lastQuery): Promise<void> {
    lastQuery = query
    const seq = ++requestSeq
    loading.value = true
    try {
      const result = await callOrThrow('staff:list', query)
      // Type-ahead fires several requests; only the latest one may fill the table.
      if (seq === requestSeq) page.value = result
    } finally {
      if (seq === requestSeq) loading.value = false
    }
  }

  async function loadUnits(): Promise<void> {
    units.value = await callOrThrow('units:options', { includeInactive: true })
  }

  const get = (id: number): Promise<StaffDetail> => callOrThrow('staff:get', { id })

  /** Active staff matching what a picker's user typed. */
  const findActive = async (q: string): Promise<StaffDto[]> =>
    (await callOrThrow('staff:list', { q, active: 'active', pageSize: 20 })).items

  async function create(input: RouteInput<'staff:create'>): Promise<StaffDto> {
    const staff = await callOrThrow('staff:create', input)
    await load()
    return staff
  }

  async function update(input: RouteInput<'staff:update'>): Promise<StaffDto> {
    const staff = await callOrThrow('staff:update', input)
    await load()
    return staff
  }

  async function move(input: RouteInput<'staff:move'>): Promise<StaffDetail> {
    const staff = await callOrThrow('staff:move', input)
    await load()
    return staff
  }

  const exportXlsx = (q: RouteInput<'staff:exportXlsx'>): Promise<FileDownload> =>
    callOrThrow('staff:exportXlsx', q)

  const importTemplate = (): Promise<FileDownload> => callOrThrow('staff:importTemplate', {})
  const importPreview = (file: RouteInput<'staff:importPreview'>): Promise<ImportPreview> =>
    callOrThrow('staff:importPreview', file)
  const importConfirm = (file: RouteInput<'staff:importConfirm'>): Promise<ImportResult> =>
    callOrThrow('staff:importConfirm', file)

  return {
    page,
    units,
    loading,
    load,
    loadUnits,
    get,
    findActive,
    create,
    update,
    move,
    exportXlsx,
    importTemplate,
    importPreview,
    importConfirm,
  }
})
