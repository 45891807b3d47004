import { describe, expect, it } from 'vitest'
import { createApp, ref } from 'vue'
import { createPinia, defineStore } from 'pinia'
import { rememberInitialState, resetAllStores } from '../../../src/renderer/src/shared/store-reset'

const useSession = defineStore('session', () => ({ user: ref<string | null>('quantri') }))
const useUsers = defineStore('users', () => ({ items: ref<string[]>([]), q: ref('') }))
const useOptions = defineStore('options', { state: () => ({ page: 1, filter: { active: true } }) })

describe('signing out resets the stores', () => {
  it('puts every store but the named ones back as it was created', () => {
    const pinia = createPinia()
    pinia.use(rememberInitialState)
    createApp({}).use(pinia)
    const session = useSession(pinia)
    const users = useUsers(pinia)
    const options = useOptions(pinia)
    users.items.push('le.tan', 'doan.kt')
    users.q = 'le'
    options.page = 3
    options.filter.active = false
    session.user = 'le.tan'

    resetAllStores(['session'])

    expect(users.items).toEqual([])
    expect(users.q).toBe('')
    expect(options.$state).toEqual({ page: 1, filter: { active: true } })
    expect(session.user).toBe('le.tan')
  })
})
