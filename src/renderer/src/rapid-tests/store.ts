import { defineStore } from 'pinia'
import { action } from '../api/action'

/** Every call the rapid-test and medicine-cabinet screens make. */
export const useRapidTestsStore = defineStore('rapidTests', () => {
  return {
    addVisitors: action('rapidTests:addVisitors'),
    cabinetsList: action('medicineCabinets:list'),
    cabinetsSave: action('medicineCabinets:save'),
    discard: action('rapidTests:discard'),
    draw: action('rapidTests:draw'),
    formPools: action('rapidTests:formPools'),
    get: action('rapidTests:get'),
    getSettings: action('rapidTests:getSettings'),
    individualResult: action('rapidTests:individualResult'),
    list: action('rapidTests:list'),
    poolResult: action('rapidTests:poolResult'),
    roundPdf: action('rapidTests:roundPdf'),
    updateSettings: action('rapidTests:updateSettings'),
    visitorCandidates: action('rapidTests:visitorCandidates'),
  }
})
