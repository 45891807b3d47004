import { defineStore } from 'pinia'
import { action } from '../api/action'

/** This PC's store (Cài đặt → Dữ liệu): its own file or the office's server, and the move. */
export const useDatabaseStore = defineStore('database', () => {
  return {
    status: action('database:status'),
    test: action('database:test'),
    connect: action('database:connect'),
    useLocal: action('database:useLocal'),
    move: action('database:move'),
    moveProgress: action('database:moveProgress'),
    retry: action('database:retry'),
  }
})
