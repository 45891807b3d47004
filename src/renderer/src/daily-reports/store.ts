import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { UnitOption } from '@shared/units/schemas'
import { callOrThrow } from '../api/client'
import { action } from '../api/action'

/**
 * The units the daily-report screens pick from (inactive ones for the history's filter), and
 * every call the screens make: the board, the history, a unit's form.
 */
export const useDailyReportsStore = defineStore('dailyReports', () => {
  const units = ref<UnitOption[]>([])

  async function loadUnits(): Promise<void> {
    units.value = await callOrThrow('units:options', { includeInactive: true })
  }

  return {
    units,
    loadUnits,
    board: action('dailyReports:board'),
    trend: action('dailyReports:trend'),
    summaryXlsx: action('dailyReports:summaryXlsx'),
    summaryPdf: action('dailyReports:summaryPdf'),
    summaryDocx: action('dailyReports:summaryDocx'),
    list: action('dailyReports:list'),
    get: action('dailyReports:get'),
    getAdhoc: action('dailyReports:getAdhoc'),
    prefill: action('dailyReports:prefill'),
    submit: action('dailyReports:submit'),
    update: action('dailyReports:update'),
    submitAdhoc: action('dailyReports:submitAdhoc'),
  }
})
