import { UserEntity } from '../accounts/entities'
import { SettingEntity } from '../settings/entities'
import { UnitKindEntity, UnitEntity } from '../units/entities'
import { AuditLineEntity } from '../audit/entities'
import { VisitorEntity, VisitEntity, WatchEntryEntity } from '../visitors/entities'
import {
  InspectionTemplateEntity,
  InspectionTemplateItemEntity,
  InspectionPlanEntity,
  PlanUnitEntity,
  PlanTargetEntity,
  InspectionEntity,
  TeamMemberEntity,
  InspectionRepresentativeEntity,
  InspectionItemEntity,
  ViolationEntity,
  RecommendationEntity,
  InspectionPhotoEntity,
  MinutesVersionEntity,
  InspectionDocumentEntity,
  AttachmentContentEntity,
} from '../inspections/entities'
import { StaffMemberEntity, StaffUnitMoveEntity } from '../staff/entities'
import {
  VaccineEntity,
  VaccinePriorityGroupEntity,
  VaccineRoundEntity,
  VaccineRoundUnitEntity,
  VaccineRegistrationEntity,
  VaccineDoseEntity,
} from '../vaccines/entities'
import { DailyReportEntity, DailyReportVersionEntity, AdhocReportEntity } from '../daily-reports/entities'
import {
  RapidTestRoundEntity,
  RapidTestPoolEntity,
  RapidTestSampleEntity,
  MedicineCabinetEntity,
} from '../rapid-tests/entities'
import { CounterEntity } from './counters'
import { JobRunEntity } from '../jobs/entities'

/** Explicit entity list, one per table: globs create no tables once the main process is bundled. */
export const entities = [
  UserEntity,
  SettingEntity,
  UnitKindEntity,
  UnitEntity,
  AuditLineEntity,
  VisitorEntity,
  VisitEntity,
  WatchEntryEntity,
  InspectionTemplateEntity,
  InspectionTemplateItemEntity,
  InspectionPlanEntity,
  PlanUnitEntity,
  PlanTargetEntity,
  InspectionEntity,
  TeamMemberEntity,
  InspectionRepresentativeEntity,
  InspectionItemEntity,
  ViolationEntity,
  RecommendationEntity,
  InspectionPhotoEntity,
  MinutesVersionEntity,
  InspectionDocumentEntity,
  AttachmentContentEntity,
  StaffMemberEntity,
  StaffUnitMoveEntity,
  VaccineEntity,
  VaccinePriorityGroupEntity,
  VaccineRoundEntity,
  VaccineRoundUnitEntity,
  VaccineRegistrationEntity,
  VaccineDoseEntity,
  DailyReportEntity,
  DailyReportVersionEntity,
  AdhocReportEntity,
  RapidTestRoundEntity,
  RapidTestPoolEntity,
  RapidTestSampleEntity,
  MedicineCabinetEntity,
  CounterEntity,
  JobRunEntity,
]
