import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { AgencySettings, SampleDataStatus } from '@shared/settings/schemas'
import { callOrThrow } from '../api/client'
import { action } from '../api/action'

export const useSettingsStore = defineStore('settings', () => {
  const agency = ref<AgencySettings | null>(null)
  const sample = ref<SampleDataStatus | null>(null)

  async function loadAgency(): Promise<AgencySettings> {
    agency.value = await callOrThrow('settings:getAgency', {})
    return agency.value
  }

  async function saveAgency(input: AgencySettings): Promise<AgencySettings> {
    agency.value = await callOrThrow('settings:updateAgency', input)
    return agency.value
  }

  async function loadSample(): Promise<SampleDataStatus> {
    sample.value = await callOrThrow('sample:status', {})
    return sample.value
  }

  async function loadSampleData(): Promise<SampleDataStatus> {
    sample.value = await callOrThrow('sample:load', {})
    return sample.value
  }

  async function clearSampleData(): Promise<SampleDataStatus> {
    sample.value = await callOrThrow('sample:clear', {})
    return sample.value
  }

  return {
    agency,
    sample,
    loadAgency,
    saveAgency,
    loadSample,
    loadSampleData,
    clearSampleData,
    getSecurity: action('settings:getSecurity'),
    updateSecurity: action('settings:updateSecurity'),
  }
})
