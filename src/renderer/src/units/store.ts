import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Page, RouteInput } from '@shared/contract'
import type { UnitDto, UnitKindDto, UnitOption } from '@shared/units/schemas'
import { callOrThrow } from '../api/client'

export type UnitQuery = RouteInput<'units:list'>

export const useUnitsStore = defineStore('units', () => {
  const page = ref<Page<UnitDto>>({ items: [], total: 0, page: 1, pageSize: 20 })
  const kinds = ref<UnitKindDto[]>([])
  const options = ref<UnitOption[]>([])
  const loading = ref(false)
  let lastQuery: UnitQuery = {}
  let requestSeq = 0

  async function load(query: UnitQuery = lastQuery): Promise<void> {
    lastQuery = query
    const seq = ++requestSeq
    loading.value = true
    try {
      const result = await callOrThrow('units:list', query)
      // Type-ahead fires several requests; only the latest one may fill the table.
      if (seq === requestSeq) page.value = result
    } finally {
      if (seq === requestSeq) loading.value = false
    }
  }

  async function loadKinds(): Promise<void> {
    kinds.value = await callOrThrow('unitKinds:list', {})
  }

  async function loadOptions(includeInactive = true): Promise<void> {
    options.value = await callOrThrow('units:options', { includeInactive })
  }

  async function refresh(): Promise<void> {
    await Promise.all([load(), loadOptions()])
  }

  function get(id: number): Promise<UnitDto> {
    return callOrThrow('units:get', { id })
  }

  async function create(input: RouteInput<'units:create'>): Promise<UnitDto> {
    const unit = await callOrThrow('units:create', input)
    await refresh()
    return unit
  }

  async function update(input: RouteInput<'units:update'>): Promise<UnitDto> {
    const unit = await callOrThrow('units:update', input)
    await refresh()
    return unit
  }

  async function setActive(id: number, active: boolean): Promise<UnitDto> {
    const unit = await callOrThrow('units:setActive', { id, active })
    await refresh()
    return unit
  }

  async function addKind(input: RouteInput<'unitKinds:create'>): Promise<UnitKindDto> {
    const kind = await callOrThrow('unitKinds:create', input)
    await loadKinds()
    return kind
  }

  return {
    page,
    kinds,
    options,
    loading,
    load,
    get,
    loadKinds,
    loadOptions,
    create,
    update,
    setActive,
    addKind,
  }
})
