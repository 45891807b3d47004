import { ref } from 'vue'
import { defineStore } from 'pinia'
import type {
  UserCreateInput,
  UserDto,
  UserResetPasswordInput,
  UserUpdateInput,
} from '@shared/accounts/schemas'
import { callOrThrow } from '../api/client'

export const useUsersStore = defineStore('users', () => {
  const items = ref<UserDto[]>([])
  const total = ref(0)
  const q = ref('')

  async function load(): Promise<void> {
    const page = await callOrThrow('users:list', { q: q.value, pageSize: 500 })
    items.value = page.items
    total.value = page.total
  }

  async function create(input: UserCreateInput): Promise<UserDto> {
    const user = await callOrThrow('users:create', input)
    await load()
    return user
  }

  async function update(input: UserUpdateInput): Promise<UserDto> {
    const user = await callOrThrow('users:update', input)
    await load()
    return user
  }

  const resetPassword = (input: UserResetPasswordInput) => callOrThrow('users:resetPassword', input)

  return { items, total, q, load, create, update, resetPassword }
})
