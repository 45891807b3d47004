import { createRouter, createWebHashHistory } from 'vue-router'
import type { RouteRecordRaw } from 'vue-router'
import DashboardView from './views/DashboardView.vue'
import UnitsView from './units/UnitsView.vue'
import SettingsView from './settings/SettingsView.vue'
import UsersView from './accounts/UsersView.vue'
import AuditView from './audit/AuditView.vue'
import VisitorsLayout from './visitors/VisitorsLayout.vue'
import CheckInView from './visitors/CheckInView.vue'
import InsidePanel from './visitors/InsidePanel.vue'
import VisitSearchView from './visitors/VisitSearchView.vue'
import WatchlistView from './visitors/WatchlistView.vue'
import TraceView from './visitors/TraceView.vue'
import InspectionsLayout from './inspections/InspectionsLayout.vue'
import InspectionListView from './inspections/InspectionListView.vue'
import InspectionEditView from './inspections/InspectionEditView.vue'
import PlanListView from './inspections/PlanListView.vue'
import PlanEditView from './inspections/PlanEditView.vue'
import OverdueView from './inspections/OverdueView.vue'
import TemplatesView from './inspections/TemplatesView.vue'
import StaffView from './staff/StaffView.vue'
import VaccinesView from './vaccines/VaccinesView.vue'
import DailyReportsLayout from './daily-reports/DailyReportsLayout.vue'
import BoardView from './daily-reports/BoardView.vue'
import ReportFormView from './daily-reports/ReportFormView.vue'
import HistoryView from './daily-reports/HistoryView.vue'
import RapidTestsView from './rapid-tests/RapidTestsView.vue'
import CabinetsView from './rapid-tests/CabinetsView.vue'
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

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'dashboard', component: DashboardView },
  { path: '/units', name: 'units', component: UnitsView },
  { path: '/settings', name: 'settings', component: SettingsView },
  { path: '/users', name: 'users', component: UsersView },
  { path: '/audit', name: 'audit', component: AuditView },
  { path: '/staff', name: 'staff', component: StaffView },
  { path: '/vaccines', name: 'vaccines', component: VaccinesView },
  {
    path: '/visitors',
    component: VisitorsLayout,
    children: [
      { path: '', name: 'visitors', component: CheckInView },
      { path: 'inside', name: 'visitorsInside', component: InsidePanel },
      { path: 'search', name: 'visitorsSearch', component: VisitSearchView },
      { path: 'trace', name: 'visitorsTrace', component: TraceView },
      { path: 'watchlist', name: 'visitorsWatchlist', component: WatchlistView },
    ],
  },
  {
    path: '/inspections',
    component: InspectionsLayout,
    children: [
      { path: '', name: 'inspections', component: InspectionListView },
      { path: 'plans', name: 'inspectionPlans', component: PlanListView },
      { path: 'plans/:id', name: 'inspectionPlan', component: PlanEditView },
      { path: 'overdue', name: 'inspectionsOverdue', component: OverdueView },
      { path: 'templates', name: 'inspectionTemplates', component: TemplatesView },
      { path: ':id(\\d+)', name: 'inspection', component: InspectionEditView },
    ],
  },
  {
    path: '/daily-reports',
    component: DailyReportsLayout,
    children: [
      { path: '', name: 'dailyReports', component: BoardView },
      { path: 'submit', name: 'dailyReportsSubmit', component: ReportFormView },
      { path: 'history', name: 'dailyReportsHistory', component: HistoryView },
      { path: 'rapid-tests', name: 'rapidTests', component: RapidTestsView },
      { path: 'cabinets', name: 'medicineCabinets', component: CabinetsView },
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
