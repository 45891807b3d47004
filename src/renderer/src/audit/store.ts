import { defineStore } from 'pinia'
import { action } from '../api/action'

/** The audit trail's route calls: the filtered list and its export. */
export const useAuditStore = defineStore('audit', () => {
  return {
    export: action('audit:export'),
    list: action('audit:list'),
  }
})
