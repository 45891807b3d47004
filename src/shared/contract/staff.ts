import { z } from 'zod'
import { route } from './route'
import type { Page } from './route'
import type { FileDownload } from '../audit/schemas'
import { ImportFileInput } from '../imports/schemas'
import type { ImportPreview, ImportResult } from '../imports/schemas'
import {
  StaffExportQuery,
  StaffIdInput,
  StaffInput,
  StaffListQuery,
  StaffMoveInput,
  StaffUpdateInput,
} from '../staff/schemas'
import type { StaffDetail, StaffDto } from '../staff/schemas'

const none = z.object({}).strict().default({})

/** Staff of the units (Cán bộ, công chức): `staff:*`. */
export const staffRoutes = {
  'staff:list': route<typeof StaffListQuery, Page<StaffDto>>({
    input: StaffListQuery,
    permission: 'staff.read',
    kind: 'read',
  }),
  'staff:get': route<typeof StaffIdInput, StaffDetail>({
    input: StaffIdInput,
    permission: 'staff.read',
    kind: 'read',
  }),
  'staff:create': route<typeof StaffInput, StaffDto>({
    input: StaffInput,
    permission: 'staff.write',
    kind: 'write',
  }),
  'staff:update': route<typeof StaffUpdateInput, StaffDto>({
    input: StaffUpdateInput,
    permission: 'staff.write',
    kind: 'write',
  }),
  'staff:move': route<typeof StaffMoveInput, StaffDetail>({
    input: StaffMoveInput,
    permission: 'staff.write',
    kind: 'write',
  }),
  'staff:importTemplate': route<typeof none, FileDownload>({
    input: none,
    permission: 'staff.write',
    kind: 'read',
  }),
  /** Reads and checks a file, writes nothing: every row with its problems. */
  'staff:importPreview': route<typeof ImportFileInput, ImportPreview>({
    input: ImportFileInput,
    permission: 'staff.write',
    kind: 'read',
  }),
  /** Checks the file again and imports every row, or none. */
  'staff:importConfirm': route<typeof ImportFileInput, ImportResult>({
    input: ImportFileInput,
    permission: 'staff.write',
    kind: 'write',
  }),
  /** A write: exporting personal data leaves a line in the audit trail. */
  'staff:exportXlsx': route<typeof StaffExportQuery, FileDownload>({
    input: StaffExportQuery,
    permission: 'staff.read',
    kind: 'read',
  }),
} as const
