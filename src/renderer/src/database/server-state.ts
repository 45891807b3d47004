import { ref } from 'vue'

/** Why the office's database server cannot be used now; null while it can. App.vue shows the Thử lại screen. */
export const serverProblem = ref<string | null>(null)
