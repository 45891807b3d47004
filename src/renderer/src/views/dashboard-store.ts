import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Permission } from '@shared/contract'
import type { Board } from '@shared/daily-reports/schemas'
import { vietnamDay } from '@shared/text/dates'
import { callOrThrow } from '../api/client'

/** The dashboard's figures, each fetched only for a user who may read it. */
export const useDashboardStore = defineStore('dashboard', () => {
  const reports = ref<Board | null>(null)
  const visits = ref<{ today: number; inside: number } | null>(null)
  const overdue = ref<number | null>(null)

  async function load(can: (p: Permission) => boolean): Promise<void> {
    const today = vietnamDay(new Date())
    await Promise.all([
      can('reports.read') && callOrThrow('dailyReports:board', {}).then((b) => (reports.value = b)),
      can('visits.read') &&
        Promise.all([
          callOrThrow('visits:search', { from: today, to: today, pageSize: 1 }),
          callOrThrow('visits:inside', {}),
        ]).then(([day, inside]) => (visits.value = { today: day.total, inside: inside.count })),
      can('inspections.read') &&
        callOrThrow('recommendations:overdue', { pageSize: 1 }).then((o) => (overdue.value = o.total)),
    ])
  }

  return { reports, visits, overdue, load }
})
