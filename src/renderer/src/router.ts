import { createRouter, createWebHashHistory } from 'vue-router'
import type { RouteRecordRaw } from 'vue-router'
import type { Permission } from '@shared/contract'
import { confirmLeave } from './shared/unsaved-guard'

/** The sidebar's sections, in order; each is shown to users with its permission. */
export interface Section {
  path: string
  name: string
  icon:
    | 'HomeFilled'
    | 'OfficeBuilding'
    | 'User'
    | 'FirstAidKit'
    | 'Checked'
    | 'Document'
    | 'Setting'
    | 'UserFilled'
    | 'Tickets'
    | 'Avatar'
  /** Hidden from users without it; the main process refuses the routes anyway. */
  permission?: Permission
}

export const sections: Section[] = [
  { path: '/', name: 'dashboard', icon: 'HomeFilled' },
  { path: '/units', name: 'units', icon: 'OfficeBuilding', permission: 'units.read' },
  { path: '/visitors', name: 'visitors', icon: 'User', permission: 'visits.read' },
  { path: '/staff', name: 'staff', icon: 'Avatar', permission: 'staff.read' },
  { path: '/vaccines', name: 'vaccines', icon: 'FirstAidKit', permission: 'vaccines.read' },
  {
    path: '/inspections',
    name: 'inspections',
    icon: 'Checked',
    permission: 'inspections.read',
  },
  {
    path: '/daily-reports',
    name: 'dailyReports',
    icon: 'Document',
    permission: 'reports.read',
  },
  { path: '/users', name: 'users', icon: 'UserFilled', permission: 'users.manage' },
  { path: '/audit', name: 'audit', icon: 'Tickets', permission: 'audit.read' },
  { path: '/settings', name: 'settings', icon: 'Setting', permission: 'settings.read' },
]

// Each view loads on first visit (its own chunk): the sign-in screen needs none of them.
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: () => import('./views/DashboardView.vue') },
  { path: '/units', name: 'units', component: () => import('./units/UnitsView.vue') },
  { path: '/settings', name: 'settings', component: () => import('./settings/SettingsView.vue') },
  { path: '/users', name: 'users', component: () => import('./accounts/UsersView.vue') },
  { path: '/audit', name: 'audit', component: () => import('./audit/AuditView.vue') },
  { path: '/staff', name: 'staff', component: () => import('./staff/StaffView.vue') },
  { path: '/vaccines', name: 'vaccines', component: () => import('./vaccines/VaccinesView.vue') },
  {
    path: '/visitors',
    component: () => import('./visitors/VisitorsLayout.vue'),
    children: [
      { path: '', name: 'visitors', component: () => import('./visitors/CheckInView.vue') },
      { path: 'inside', name: 'visitorsInside', component: () => import('./visitors/InsidePanel.vue') },
      { path: 'search', name: 'visitorsSearch', component: () => import('./visitors/VisitSearchView.vue') },
      { path: 'trace', name: 'visitorsTrace', component: () => import('./visitors/TraceView.vue') },
      {
        path: 'watchlist',
        name: 'visitorsWatchlist',
        component: () => import('./visitors/WatchlistView.vue'),
      },
    ],
  },
  {
    path: '/inspections',
    component: () => import('./inspections/InspectionsLayout.vue'),
    children: [
      { path: '', name: 'inspections', component: () => import('./inspections/InspectionListView.vue') },
      { path: 'plans', name: 'inspectionPlans', component: () => import('./inspections/PlanListView.vue') },
      {
        path: 'plans/:id',
        name: 'inspectionPlan',
        component: () => import('./inspections/PlanEditView.vue'),
      },
      {
        path: 'calendar',
        name: 'inspectionCalendar',
        component: () => import('./inspections/CalendarView.vue'),
      },
      {
        path: 'overdue',
        name: 'inspectionsOverdue',
        component: () => import('./inspections/OverdueView.vue'),
      },
      {
        path: 'templates',
        name: 'inspectionTemplates',
        component: () => import('./inspections/TemplatesView.vue'),
      },
      {
        path: ':id(\\d+)',
        name: 'inspection',
        component: () => import('./inspections/InspectionEditView.vue'),
      },
    ],
  },
  {
    path: '/daily-reports',
    component: () => import('./daily-reports/DailyReportsLayout.vue'),
    children: [
      { path: '', name: 'dailyReports', component: () => import('./daily-reports/BoardView.vue') },
      {
        path: 'submit',
        name: 'dailyReportsSubmit',
        component: () => import('./daily-reports/ReportFormView.vue'),
      },
      {
        path: 'history',
        name: 'dailyReportsHistory',
        component: () => import('./daily-reports/HistoryView.vue'),
      },
      {
        path: 'rapid-tests',
        name: 'rapidTests',
        component: () => import('./rapid-tests/RapidTestsView.vue'),
      },
      {
        path: 'cabinets',
        name: 'medicineCabinets',
        component: () => import('./rapid-tests/CabinetsView.vue'),
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

/** Whether a user with these permissions may open the page at `path` (its section's permission). */
export function mayOpen(path: string, can: (p: Permission) => boolean): boolean {
  const section = sections
    .filter((s) => s.path !== '/' && (path === s.path || path.startsWith(`${s.path}/`)))
    .pop()
  return !section?.permission || can(section.permission)
}

// Hash history: the same URLs work under app:// in Electron and in the preview server.
export const router = createRouter({ history: createWebHashHistory(), routes })

// Leaving a page with unsaved typing asks first (query changes on the same page do not).
router.beforeEach((to, from) => to.path === from.path || confirmLeave())
