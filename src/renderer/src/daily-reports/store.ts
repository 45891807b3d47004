import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { UnitOption } from '@shared/units/schemas'
import { callOrThrow } from '../api/client'

/** The active units every daily-report screen picks from. */
export const useDailyReportsStore = defineStore('dailyReports', () => {
  const units = ref<UnitOption[]>([])

  async function loadUnits(): Promise<void> {
    units.value = await callOrThrow('units:options', { includeInactive: false })
  }

  return { units, loadUnits }
})
