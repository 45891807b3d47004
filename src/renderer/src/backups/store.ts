import { defineStore } from 'pinia'
import { action } from '../api/action'

/** Backups, restore and the store's health check, as the backup card and the banner call them. */
export const useBackupsStore = defineStore('backups', () => {
  return {
    create: action('backups:create'),
    health: action('backups:health'),
    overview: action('backups:overview'),
    recover: action('backups:recover'),
    recoveryPreview: action('backups:recoveryPreview'),
    setPassphrase: action('backups:setPassphrase'),
    restore: action('backups:restore'),
    updateSettings: action('backups:updateSettings'),
  }
})
