import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Permission } from '@shared/contract'
import type { RecommendationReminder, ReportReminder, VaccineRoundReminder } from '@shared/reminders/schemas'
import { action } from '../api/action'

/** What units and owners still owe, each list fetched only for a user who follows it. */
export const useRemindersStore = defineStore('reminders', () => {
  const reports = ref<ReportReminder | null>(null)
  const recommendations = ref<RecommendationReminder | null>(null)
  const vaccineRounds = ref<VaccineRoundReminder[]>([])
  const dailyReports = action('reminders:dailyReports')
  const owedRecommendations = action('reminders:recommendations')
  const roundsDue = action('reminders:vaccineRounds')

  async function load(can: (p: Permission) => boolean): Promise<void> {
    await Promise.all([
      can('reports.read') && dailyReports({}).then((r) => (reports.value = r)),
      can('inspections.read') && owedRecommendations({}).then((r) => (recommendations.value = r)),
      can('vaccines.read') && roundsDue({}).then((r) => (vaccineRounds.value = r)),
    ])
  }

  /** The sidebar's count on Kiểm tra – giám sát: recommendations overdue or due soon. */
  const recommendationCount = computed(
    () => (recommendations.value?.overdue.length ?? 0) + (recommendations.value?.dueSoon.length ?? 0),
  )

  return {
    reports,
    recommendations,
    vaccineRounds,
    recommendationCount,
    load,
    getSettings: action('reminders:getSettings'),
    updateSettings: action('reminders:updateSettings'),
  }
})
