import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { UnitOption } from '@shared/units/schemas'
import { callOrThrow } from '../api/client'

/** The units the daily-report screens pick from (inactive ones for the history's filter). */
export const useDailyReportsStore = defineStore('dailyReports', () => {
  const units = ref<UnitOption[]>([])

  async function loadUnits(): Promise<void> {
    units.value = await callOrThrow('units:options', { includeInactive: true })
  }

  return { units, loadUnits }
})
