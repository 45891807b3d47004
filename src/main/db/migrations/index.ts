import { Initial1795000000001 } from './0001-initial'
import { AccountsAudit1795000000002 } from './0002-accounts-audit'
import { Visitors1795000000003 } from './0003-visitors'
import { Inspections1795000000004 } from './0004-inspections'
import { Staff1795000000005 } from './0005-staff'
import { Vaccines1795000000006 } from './0006-vaccines'
import { DailyReports1795000000007 } from './0007-daily-reports'
import { RapidTests1795000000008 } from './0008-rapid-tests'
import { VisitorCardDetails1795000000009 } from './0009-visitor-card-details'
import { ErasureAuditChain1795000000010 } from './0010-erasure-audit-chain'
import { MinutesCopies1795000000011 } from './0011-minutes-copies'
import { SignedScans1795000000012 } from './0012-signed-scans'
import { Counters1795000000013 } from './0013-counters'
import { OfficeSeats1795000000014 } from './0014-office-seats'
import { AttachmentContents1795000000015 } from './0015-attachment-contents'

/** Explicit and ordered: a glob would find nothing once the main process is bundled. */
export const migrations = [
  Initial1795000000001,
  AccountsAudit1795000000002,
  Visitors1795000000003,
  Inspections1795000000004,
  Staff1795000000005,
  Vaccines1795000000006,
  DailyReports1795000000007,
  RapidTests1795000000008,
  VisitorCardDetails1795000000009,
  ErasureAuditChain1795000000010,
  MinutesCopies1795000000011,
  SignedScans1795000000012,
  Counters1795000000013,
  OfficeSeats1795000000014,
  AttachmentContents1795000000015,
]

/** Names a restore compares with a backup's `migrations` table. */
export const MIGRATION_NAMES = migrations.map((M) => new M().name!)
