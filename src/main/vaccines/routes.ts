import type { HandlerContext, Handlers } from '../core/router'
import {
  clearContraindication,
  consolidate,
  createRegistration,
  getRegistration,
  listCatalog,
  listRegistrations,
  listRounds,
  saveCatalog,
  saveRound,
  setUnitSubmission,
  staffDoses,
  updateRegistration,
} from './service'
import type { VaccineContext } from './service'
import {
  confirmVaccinationImport,
  previewVaccinationImport,
  vaccinationTemplate,
  vaccinationsPdf,
  vaccinationsXlsx,
} from './transfer'
import { agencyGroup, readSettings } from '../settings/service'

type VaccineHandlers = Pick<
  Handlers,
  | (`vaccines:${string}` & keyof Handlers)
  | (`priorityGroups:${string}` & keyof Handlers)
  | (`vaccineRounds:${string}` & keyof Handlers)
  | (`vaccinations:${string}` & keyof Handlers)
>

const vaccineContext = (ctx: HandlerContext): VaccineContext => ({
  m: ctx.m,
  now: ctx.now,
  audit: ctx.audit,
  userId: ctx.session.user?.id ?? null,
})

export const vaccineHandlers: VaccineHandlers = {
  'vaccines:list': (_input, { m }) => listCatalog(m, 'vaccines'),
  'vaccines:save': (input, ctx) => saveCatalog(vaccineContext(ctx), 'vaccines', input),
  'priorityGroups:list': (_input, { m }) => listCatalog(m, 'vaccine_priority_groups'),
  'priorityGroups:save': (input, ctx) => saveCatalog(vaccineContext(ctx), 'vaccine_priority_groups', input),
  'vaccineRounds:list': (_input, { m }) => listRounds(m),
  'vaccineRounds:save': (input, ctx) => saveRound(vaccineContext(ctx), input),
  'vaccineRounds:setSubmitted': (input, ctx) => setUnitSubmission(vaccineContext(ctx), input),
  'vaccinations:list': (q, { m }) => listRegistrations(m, q),
  'vaccinations:get': ({ id }, { m }) => getRegistration(m, id),
  'vaccinations:staffDoses': ({ staffId }, { m }) => staffDoses(m, staffId),
  'vaccinations:create': (input, ctx) => createRegistration(vaccineContext(ctx), input),
  'vaccinations:update': (input, ctx) => updateRegistration(vaccineContext(ctx), input),
  'vaccinations:clearContraindication': (input, ctx) => clearContraindication(vaccineContext(ctx), input),
  'vaccinations:consolidate': ({ roundId }, { m, now }) => consolidate(m, roundId, now),
  'vaccinations:exportXlsx': async ({ roundId, unitId }, { m, now, audit }) => {
    const file = await vaccinationsXlsx(
      m,
      await consolidate(m, roundId, now),
      unitId ?? null,
      await readSettings(m, agencyGroup),
    )
    audit.note('vaccineRound', roundId, `Xuất danh sách đăng ký tiêm ra Excel (${file.fileName})`)
    return file
  },
  'vaccinations:exportPdf': async ({ roundId, unitId }, { m, now, audit }) => {
    const file = await vaccinationsPdf(
      m,
      await consolidate(m, roundId, now),
      unitId ?? null,
      await readSettings(m, agencyGroup),
      now,
    )
    audit.note('vaccineRound', roundId, `In danh sách đăng ký tiêm (${file.fileName})`)
    return file
  },
  'vaccinations:importTemplate': (_input, { m }) => vaccinationTemplate(m),
  'vaccinations:importPreview': (input, { m }) => previewVaccinationImport(m, input),
  'vaccinations:importConfirm': (input, ctx) => confirmVaccinationImport(vaccineContext(ctx), input),
}
