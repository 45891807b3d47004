import { z } from 'zod'
import { route } from './route'
import type { Page } from './route'
import {
  UnitIdInput,
  UnitInput,
  UnitKindInput,
  UnitListQuery,
  UnitOptionsQuery,
  UnitSetActiveInput,
  UnitUpdateInput,
} from '../units/schemas'
import type { UnitDto, UnitKindDto, UnitOption } from '../units/schemas'
import { AgencySettings, ReceptionSettings, SecuritySettings } from '../settings/schemas'
import {
  CheckInInput,
  CheckOutAllInput,
  CheckOutInput,
  CheckOutBySlipInput,
  DayListInput,
  InsideQuery,
  TraceInput,
  VisitEditInput,
  VisitorIdInput,
  VisitorLookupInput,
  VisitorSuggestQuery,
  VisitSearchQuery,
  WatchInput,
  WatchUpdateInput,
} from '../visitors/schemas'
import type {
  InsideList,
  TraceResult,
  VisitDto,
  VisitorDto,
  VisitorHistory,
  RevealedIdNumber,
  VisitorLookup,
  WatchDto,
  WatchEntryDto,
} from '../visitors/schemas'
import {
  ChangeOwnPasswordInput,
  LoginInput,
  SetupInput,
  UnlockInput,
  UserCreateInput,
  UserListQuery,
  UserResetPasswordInput,
  UserUpdateInput,
} from '../accounts/schemas'
import type { AuthStatus, UserDto } from '../accounts/schemas'
import { AuditQuery } from '../audit/schemas'
import type { AuditChainReport, AuditEntryDto, FileDownload } from '../audit/schemas'
import type { SampleDataStatus } from '../settings/schemas'
import { BackupPassphraseInput, BackupRestoreInput, BackupSettings } from '../backups/schemas'
import type {
  BackupDto,
  BackupEncryption,
  BackupOverview,
  RecoveryPreview,
  RestoreResult,
  StoreHealth,
} from '../backups/schemas'
import { DatabaseServerInput } from '../database/schemas'
import type { DatabaseStatus, DatabaseTestResult, MoveProgress } from '../database/schemas'
import { inspectionRoutes } from './inspections'
import { staffRoutes } from './staff'
import { vaccineRoutes } from './vaccines'
import { dailyReportRoutes } from './daily-reports'
import { rapidTestRoutes } from './rapid-tests'
import { reminderRoutes } from './reminders'

const none = z.object({}).strict().default({})

/** The one contract: every operation the renderer can ask of the main process. */
export const contract = {
  'auth:status': route<typeof none, AuthStatus>({
    input: none,
    permission: 'public',
    kind: 'read',
    passive: true,
  }),
  'auth:setup': route<typeof SetupInput, AuthStatus>({
    input: SetupInput,
    permission: 'public',
    kind: 'write',
  }),
  'auth:login': route<typeof LoginInput, AuthStatus>({
    input: LoginInput,
    permission: 'public',
    kind: 'session',
  }),
  'auth:logout': route<typeof none, AuthStatus>({
    input: none,
    permission: 'signedIn',
    kind: 'session',
    whileLocked: true,
  }),
  'auth:unlock': route<typeof UnlockInput, AuthStatus>({
    input: UnlockInput,
    permission: 'signedIn',
    kind: 'session',
    whileLocked: true,
  }),
  'auth:lock': route<typeof none, AuthStatus>({
    input: none,
    permission: 'signedIn',
    kind: 'read',
    passive: true,
    whileLocked: true,
  }),
  'auth:touch': route<typeof none, AuthStatus>({
    input: none,
    permission: 'signedIn',
    kind: 'read',
  }),
  // A session route: a wrong current password's count and audit line stick although it fails.
  'auth:changePassword': route<typeof ChangeOwnPasswordInput, true>({
    input: ChangeOwnPasswordInput,
    permission: 'signedIn',
    kind: 'session',
  }),
  'users:list': route<typeof UserListQuery, Page<UserDto>>({
    input: UserListQuery,
    permission: 'users.manage',
    kind: 'read',
  }),
  'users:create': route<typeof UserCreateInput, UserDto>({
    input: UserCreateInput,
    permission: 'users.manage',
    kind: 'write',
  }),
  'users:update': route<typeof UserUpdateInput, UserDto>({
    input: UserUpdateInput,
    permission: 'users.manage',
    kind: 'write',
  }),
  'users:resetPassword': route<typeof UserResetPasswordInput, UserDto>({
    input: UserResetPasswordInput,
    permission: 'users.manage',
    kind: 'write',
  }),
  'audit:list': route<typeof AuditQuery, Page<AuditEntryDto>>({
    input: AuditQuery,
    permission: 'audit.read',
    kind: 'read',
  }),
  /** A write: the export leaves its own line in the trail. */
  'audit:export': route<typeof AuditQuery, FileDownload>({
    input: AuditQuery,
    permission: 'audit.read',
    kind: 'read',
  }),
  /** Walks the whole hash chain of the trail and names the first broken line. */
  'audit:verify': route<typeof none, AuditChainReport>({
    input: none,
    permission: 'audit.read',
    kind: 'read',
  }),
  /** What the start-up walk found (`report` null: not verified, the store could not be read). */
  'audit:startupCheck': route<typeof none, { report: AuditChainReport | null }>({
    input: none,
    permission: 'audit.read',
    kind: 'read',
    passive: true,
  }),
  'units:list': route<typeof UnitListQuery, Page<UnitDto>>({
    input: UnitListQuery,
    permission: 'units.read',
    kind: 'read',
  }),
  'units:get': route<typeof UnitIdInput, UnitDto>({
    input: UnitIdInput,
    permission: 'units.read',
    kind: 'read',
  }),
  'units:options': route<typeof UnitOptionsQuery, UnitOption[]>({
    input: UnitOptionsQuery,
    permission: 'units.read',
    kind: 'read',
  }),
  'units:create': route<typeof UnitInput, UnitDto>({
    input: UnitInput,
    permission: 'units.write',
    kind: 'write',
  }),
  'units:update': route<typeof UnitUpdateInput, UnitDto>({
    input: UnitUpdateInput,
    permission: 'units.write',
    kind: 'write',
  }),
  'units:setActive': route<typeof UnitSetActiveInput, UnitDto>({
    input: UnitSetActiveInput,
    permission: 'units.write',
    kind: 'write',
  }),
  'unitKinds:list': route<typeof none, UnitKindDto[]>({
    input: none,
    permission: 'units.read',
    kind: 'read',
  }),
  'unitKinds:create': route<typeof UnitKindInput, UnitKindDto>({
    input: UnitKindInput,
    permission: 'settings.write',
    kind: 'write',
  }),
  'settings:getAgency': route<typeof none, AgencySettings>({
    input: none,
    permission: 'settings.read',
    kind: 'read',
  }),
  'settings:updateAgency': route<typeof AgencySettings, AgencySettings>({
    input: AgencySettings,
    permission: 'settings.write',
    kind: 'write',
  }),
  'settings:getSecurity': route<typeof none, SecuritySettings>({
    input: none,
    permission: 'settings.read',
    kind: 'read',
  }),
  'settings:updateSecurity': route<typeof SecuritySettings, SecuritySettings>({
    input: SecuritySettings,
    permission: 'settings.write',
    kind: 'write',
  }),
  'settings:getReception': route<typeof none, ReceptionSettings>({
    input: none,
    permission: 'settings.read',
    kind: 'read',
  }),
  'settings:updateReception': route<typeof ReceptionSettings, ReceptionSettings>({
    input: ReceptionSettings,
    permission: 'settings.write',
    kind: 'write',
  }),
  'visits:checkIn': route<typeof CheckInInput, VisitDto>({
    input: CheckInInput,
    permission: 'visits.write',
    kind: 'write',
  }),
  'visits:checkOut': route<typeof CheckOutInput, VisitDto>({
    input: CheckOutInput,
    permission: 'visits.write',
    kind: 'write',
  }),
  'visits:checkOutBySlip': route<typeof CheckOutBySlipInput, VisitDto>({
    input: CheckOutBySlipInput,
    permission: 'visits.write',
    kind: 'write',
  }),
  'visits:checkOutAll': route<typeof CheckOutAllInput, { count: number }>({
    input: CheckOutAllInput,
    permission: 'visits.write',
    kind: 'write',
  }),
  'visits:edit': route<typeof VisitEditInput, VisitDto>({
    input: VisitEditInput,
    permission: 'visits.write',
    kind: 'write',
  }),
  'visits:get': route<typeof VisitorIdInput, VisitDto>({
    input: VisitorIdInput,
    permission: 'visits.read',
    kind: 'read',
  }),
  'visits:inside': route<typeof InsideQuery, InsideList>({
    input: InsideQuery,
    permission: 'visits.read',
    kind: 'read',
  }),
  'visits:search': route<typeof VisitSearchQuery, Page<VisitDto>>({
    input: VisitSearchQuery,
    permission: 'visits.read',
    kind: 'read',
  }),
  'visitors:lookup': route<typeof VisitorLookupInput, VisitorLookup>({
    input: VisitorLookupInput,
    permission: 'visits.read',
    kind: 'read',
  }),
  'visitors:suggest': route<typeof VisitorSuggestQuery, VisitorDto[]>({
    input: VisitorSuggestQuery,
    permission: 'visits.read',
    kind: 'read',
  }),
  'visitors:history': route<typeof VisitorIdInput, VisitorHistory>({
    input: VisitorIdInput,
    permission: 'visits.read',
    kind: 'read',
  }),
  /** A write: showing a whole ID number leaves a line in the audit trail. */
  'visitors:revealIdNumber': route<typeof VisitorIdInput, RevealedIdNumber>({
    input: VisitorIdInput,
    permission: 'visits.read',
    kind: 'write',
  }),
  /** A write: exporting personal data leaves a line in the audit trail. */
  'visits:dayListXlsx': route<typeof DayListInput, FileDownload>({
    input: DayListInput,
    permission: 'visits.read',
    kind: 'read',
  }),
  'visits:dayListPdf': route<typeof DayListInput, FileDownload>({
    input: DayListInput,
    permission: 'visits.read',
    kind: 'read',
  }),
  'visits:dayListDocx': route<typeof DayListInput, FileDownload>({
    input: DayListInput,
    permission: 'visits.read',
    kind: 'read',
  }),
  'visits:rollCallPdf': route<typeof none, FileDownload>({
    input: none,
    permission: 'visits.read',
    kind: 'read',
  }),
  'visits:slipPdf': route<typeof VisitorIdInput, FileDownload>({
    input: VisitorIdInput,
    permission: 'visits.write',
    kind: 'read',
  }),
  'visits:healthDeclarationPdf': route<typeof VisitorIdInput, FileDownload>({
    input: VisitorIdInput,
    permission: 'visits.write',
    kind: 'read',
  }),
  'visits:trace': route<typeof TraceInput, TraceResult>({
    input: TraceInput,
    permission: 'visits.read',
    kind: 'read',
  }),
  'visits:traceXlsx': route<typeof TraceInput, FileDownload>({
    input: TraceInput,
    permission: 'visits.read',
    kind: 'read',
  }),
  'visits:tracePdf': route<typeof TraceInput, FileDownload>({
    input: TraceInput,
    permission: 'visits.read',
    kind: 'read',
  }),
  'watchlist:list': route<typeof none, WatchDto[]>({
    input: none,
    permission: 'watchlist.manage',
    kind: 'read',
  }),
  'watchlist:create': route<typeof WatchInput, WatchDto>({
    input: WatchInput,
    permission: 'watchlist.manage',
    kind: 'write',
  }),
  'watchlist:update': route<typeof WatchUpdateInput, WatchDto>({
    input: WatchUpdateInput,
    permission: 'watchlist.manage',
    kind: 'write',
  }),
  'watchlist:get': route<typeof VisitorIdInput, WatchEntryDto>({
    input: VisitorIdInput,
    permission: 'watchlist.manage',
    kind: 'read',
  }),
  'sample:status': route<typeof none, SampleDataStatus>({
    input: none,
    permission: 'units.read',
    kind: 'read',
  }),
  'sample:load': route<typeof none, SampleDataStatus>({
    input: none,
    permission: 'sample.manage',
    kind: 'write',
  }),
  'sample:clear': route<typeof none, SampleDataStatus>({
    input: none,
    permission: 'sample.manage',
    kind: 'write',
  }),
  'backups:overview': route<typeof none, BackupOverview>({
    input: none,
    permission: 'backups.manage',
    kind: 'read',
  }),
  'backups:updateSettings': route<typeof BackupSettings, BackupSettings>({
    input: BackupSettings,
    permission: 'backups.manage',
    kind: 'write',
  }),
  'backups:create': route<typeof none, BackupDto>({
    input: none,
    permission: 'backups.manage',
    kind: 'session',
  }),
  'backups:restore': route<typeof BackupRestoreInput, RestoreResult>({
    input: BackupRestoreInput,
    permission: 'backups.manage',
    kind: 'session',
  }),
  /** A new backup key under a new passphrase; the renderer shows the recovery sheet once. */
  'backups:setPassphrase': route<typeof BackupPassphraseInput, BackupEncryption>({
    input: BackupPassphraseInput,
    permission: 'backups.manage',
    kind: 'session',
  }),
  /** Public: the sign-in screen warns when the start-up check failed. */
  'backups:health': route<typeof none, StoreHealth>({
    input: none,
    permission: 'public',
    kind: 'read',
    passive: true,
    whileLocked: true,
  }),
  /**
   * Public, and only while the start-up check has failed: a damaged store may not even let the
   * administrator sign in. It restores the newest good backup and keeps the damaged file aside.
   */
  'backups:recover': route<typeof none, RestoreResult>({
    input: none,
    permission: 'public',
    kind: 'session',
  }),
  /** Public like recover: what the backup lacks that the damaged store still holds, before confirming. */
  'backups:recoveryPreview': route<typeof none, RecoveryPreview>({
    input: none,
    permission: 'public',
    kind: 'read',
  }),
  /** This PC's store (Cài đặt → Dữ liệu); administrators only. Session routes: they reopen the store. */
  'database:status': route<typeof none, DatabaseStatus>({
    input: none,
    permission: 'database.manage',
    kind: 'read',
  }),
  'database:test': route<typeof DatabaseServerInput, DatabaseTestResult>({
    input: DatabaseServerInput,
    permission: 'database.manage',
    kind: 'session',
  }),
  'database:connect': route<typeof DatabaseServerInput, DatabaseStatus>({
    input: DatabaseServerInput,
    permission: 'database.manage',
    kind: 'session',
  }),
  'database:useLocal': route<typeof none, DatabaseStatus>({
    input: none,
    permission: 'database.manage',
    kind: 'session',
  }),
  /** Runs the whole move (alone: nothing writes meanwhile); the page polls moveProgress. */
  'database:move': route<typeof DatabaseServerInput, MoveProgress>({
    input: DatabaseServerInput,
    permission: 'database.manage',
    kind: 'session',
  }),
  /** Public: the Thử lại screen of a seat that lost (or never reached) the server asks again. */
  'database:retry': route<typeof none, true>({
    input: none,
    permission: 'public',
    kind: 'read',
    passive: true,
    whileLocked: true,
  }),
  'database:moveProgress': route<typeof none, MoveProgress>({
    input: none,
    permission: 'database.manage',
    kind: 'read',
    passive: true,
  }),
  ...inspectionRoutes,
  ...staffRoutes,
  ...vaccineRoutes,
  ...dailyReportRoutes,
  ...rapidTestRoutes,
  ...reminderRoutes,
} as const

export type Contract = typeof contract
export type RouteName = keyof Contract
export type RouteInput<N extends RouteName> = z.input<Contract[N]['input']>
export type RouteParsed<N extends RouteName> = z.output<Contract[N]['input']>
export type RouteOutput<N extends RouteName> = NonNullable<Contract[N]['output']>

export function isRouteName(name: unknown): name is RouteName {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}

export * from './route'
export * from './permissions'
export { ROUTE_NAME_PATTERN } from './api'
