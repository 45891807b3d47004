import { serviceContext } from '../core/context'
import type { Handlers } from '../core/router'
import { listCatalog, saveCatalog } from './catalogue'
import { consolidate } from './consolidation'
import { staffDoses } from './doses'
import { vaccinationsPdf, vaccinationsXlsx } from './exports'
import { confirmVaccinationImport, previewVaccinationImport, vaccinationTemplate } from './import'
import { getRegistration, listRegistrations } from './registration-list'
import { clearContraindication, createRegistration, updateRegistration } from './registrations'
import { listRounds, saveRound } from './rounds'
import { setUnitSubmission } from './submissions'
import { vaccinationsDocx } from './list-docx'
import { agencyGroup, readSettings } from '../settings/service'

type VaccineHandlers = Pick<
  Handlers,
  | (`vaccines:${string}` & keyof Handlers)
  | (`priorityGroups:${string}` & keyof Handlers)
  | (`vaccineRounds:${string}` & keyof Handlers)
  | (`vaccinations:${string}` & keyof Handlers)
>

export const vaccineHandlers: VaccineHandlers = {
  'vaccines:list': (_input, { m }) => listCatalog(m, 'vaccine'),
  'vaccines:save': (input, ctx) => saveCatalog(serviceContext(ctx), 'vaccine', input),
  'priorityGroups:list': (_input, { m }) => listCatalog(m, 'priorityGroup'),
  'priorityGroups:save': (input, ctx) => saveCatalog(serviceContext(ctx), 'priorityGroup', input),
  'vaccineRounds:list': (_input, { m }) => listRounds(m),
  'vaccineRounds:save': (input, ctx) => saveRound(serviceContext(ctx), input),
  'vaccineRounds:setSubmitted': (input, ctx) => setUnitSubmission(serviceContext(ctx), input),
  'vaccinations:list': (q, { m }) => listRegistrations(m, q),
  'vaccinations:get': ({ id }, { m }) => getRegistration(m, id),
  'vaccinations:staffDoses': ({ staffId }, { m }) => staffDoses(m, staffId),
  'vaccinations:create': (input, ctx) => createRegistration(serviceContext(ctx), input),
  'vaccinations:update': (input, ctx) => updateRegistration(serviceContext(ctx), input),
  'vaccinations:clearContraindication': (input, ctx) => clearContraindication(serviceContext(ctx), input),
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
  'vaccinations:exportDocx': async ({ roundId, unitId }, { m, now, audit }) => {
    const file = await vaccinationsDocx(
      m,
      await consolidate(m, roundId, now),
      unitId ?? null,
      await readSettings(m, agencyGroup),
      now,
    )
    audit.note('vaccineRound', roundId, `Xuất Word danh sách đăng ký tiêm (${file.fileName})`)
    return file
  },
  'vaccinations:importTemplate': (_input, { m }) => vaccinationTemplate(m),
  'vaccinations:importPreview': (input, { m }) => previewVaccinationImport(m, input),
  'vaccinations:importConfirm': (input, ctx) => confirmVaccinationImport(serviceContext(ctx), input),
}
