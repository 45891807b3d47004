import { defineStore } from 'pinia'
import { action } from '../api/action'

/** The audit trail's route calls: the filtered list, its export and the chain checks. */
export const useAuditStore = defineStore('audit', () => {
  return {
    export: action('audit:export'),
    list: action('audit:list'),
    startupCheck: action('audit:startupCheck'),
    verify: action('audit:verify'),
  }
})
