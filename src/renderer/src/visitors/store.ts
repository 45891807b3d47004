import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { InsideList, VisitorDto } from '@shared/visitors/schemas'
import type { UnitOption } from '@shared/units/schemas'
import { callOrThrow } from '../api/client'
import { action } from '../api/action'

/** What the reception screens share: who is inside, the units to pick (inactive ones for past visits). */
export const useVisitorsStore = defineStore('visitors', () => {
  const inside = ref<InsideList>({ count: 0, items: [] })
  const units = ref<UnitOption[]>([])

  async function loadInside(): Promise<void> {
    inside.value = await callOrThrow('visits:inside', {})
  }

  async function loadUnits(): Promise<void> {
    units.value = await callOrThrow('units:options', { includeInactive: true })
  }

  /** Known visitors matching what a picker's user typed (two characters at least). */
  const suggest = async (q: string): Promise<VisitorDto[]> =>
    q.trim().length < 2 ? [] : callOrThrow('visitors:suggest', { q })

  return {
    checkIn: action('visits:checkIn'),
    checkOutAll: action('visits:checkOutAll'),
    rollCallPdf: action('visits:rollCallPdf'),
    settingsGetReception: action('settings:getReception'),
    settingsUpdateReception: action('settings:updateReception'),
    slipPdf: action('visits:slipPdf'),
    healthDeclarationPdf: action('visits:healthDeclarationPdf'),
    visitorLookup: action('visitors:lookup'),
    visitorSuggest: action('visitors:suggest'),
    watchlistCreate: action('watchlist:create'),
    watchlistGet: action('watchlist:get'),
    watchlistList: action('watchlist:list'),
    watchlistUpdate: action('watchlist:update'),
    checkOut: action('visits:checkOut'),
    checkOutBySlip: action('visits:checkOutBySlip'),
    edit: action('visits:edit'),
    search: action('visits:search'),
    trace: action('visits:trace'),
    visitorHistory: action('visitors:history'),
    visitorRevealIdNumber: action('visitors:revealIdNumber'),
    inside,
    units,
    loadInside,
    loadUnits,
    suggest,
    dayListXlsx: action('visits:dayListXlsx'),
    dayListPdf: action('visits:dayListPdf'),
    dayListDocx: action('visits:dayListDocx'),
    traceXlsx: action('visits:traceXlsx'),
    tracePdf: action('visits:tracePdf'),
  }
})

/** "1 giờ 05 phút" style durations for people still inside. */
export function durationParts(fromIso: string, now: number): { h: number; m: number } {
  const minutes = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000))
  return { h: Math.floor(minutes / 60), m: minutes % 60 }
}
