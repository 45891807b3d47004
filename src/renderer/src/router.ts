import { createRouter, createWebHashHistory } from 'vue-router'
import type { RouteRecordRaw } from 'vue-router'
import DashboardView from './views/DashboardView.vue'
import ComingSoonView from './views/ComingSoonView.vue'
import UnitsView from './units/UnitsView.vue'
import SettingsView from './settings/SettingsView.vue'

/** Sections not built yet route to one honest "coming" page instead of fake screens. */
export const sections = [
  { path: '/', name: 'dashboard', icon: 'HomeFilled', ready: true },
  { path: '/units', name: 'units', icon: 'OfficeBuilding', ready: true },
  { path: '/visitors', name: 'visitors', icon: 'User', ready: false },
  { path: '/vaccines', name: 'vaccines', icon: 'FirstAidKit', ready: false },
  { path: '/inspections', name: 'inspections', icon: 'Checked', ready: false },
  { path: '/daily-reports', name: 'dailyReports', icon: 'Document', ready: false },
  { path: '/settings', name: 'settings', icon: 'Setting', ready: true },
] as const

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: DashboardView },
  { path: '/units', name: 'units', component: UnitsView },
  { path: '/settings', name: 'settings', component: SettingsView },
  ...sections
    .filter((s) => !s.ready)
    .map((s) => ({ path: s.path, name: s.name, component: ComingSoonView, props: { section: s.name } })),
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

// Hash history: the same URLs work under app:// in Electron and in the preview server.
export const router = createRouter({ history: createWebHashHistory(), routes })
