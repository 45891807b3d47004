import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import { inspectionMsg } from '@shared/inspections/schemas'
import type { TemplateDto, TemplateInput } from '@shared/inspections/schemas'
import type { ServiceContext } from '../core/context'
import { AppError } from '../core/errors'
import { InspectionItemEntity, InspectionTemplateEntity, InspectionTemplateItemEntity } from './entities'
import { lockUntilCommit } from '../db/engine'

const DEFAULT_TEMPLATE = 'mac-dinh'

/** Every version of every template, the default one first, then by code, newest version first. */
export async function listTemplates(m: EntityManager): Promise<TemplateDto[]> {
  const heads = await m
    .getRepository(InspectionTemplateEntity)
    .find({ order: { code: 'ASC', version: 'DESC' } })
  const items = await m
    .getRepository(InspectionTemplateItemEntity)
    .find({ order: { templateId: 'ASC', position: 'ASC' } })
  const latest = new Map<string, number>()
  for (const t of heads) latest.set(t.code, Math.max(latest.get(t.code) ?? 0, t.version))
  return [
    ...heads.filter((t) => t.code === DEFAULT_TEMPLATE),
    ...heads.filter((t) => t.code !== DEFAULT_TEMPLATE),
  ].map((t) => ({
    id: t.id,
    code: t.code,
    version: t.version,
    name: t.name,
    latest: t.version === latest.get(t.code),
    items: items.filter((i) => i.templateId === t.id).map((i) => ({ section: i.section, text: i.text })),
  }))
}

/** Saving never changes a version an inspection may have used: it adds the next one. */
export async function saveTemplate(
  ctx: ServiceContext,
  input: z.output<typeof TemplateInput>,
): Promise<TemplateDto> {
  const { m } = ctx
  const templates = m.getRepository(InspectionTemplateEntity)
  // The next code and version are counted from the saved ones: one seat at a time counts.
  await lockUntilCommit(m, 'inspection-templates')
  let code: string
  if (input.baseId) {
    const base = await templates.findOne({ select: { code: true }, where: { id: input.baseId } })
    if (!base) throw AppError.notFound(inspectionMsg.templateNotFound)
    code = base.code
  } else {
    const codes = await m
      .createQueryBuilder(InspectionTemplateEntity, 't')
      .select('COUNT(DISTINCT t.code)', 'n')
      .getRawOne<{ n: number | string }>()
    code = `mau-${Number(codes?.n ?? 0) + 1}`
  }
  const last = await m
    .createQueryBuilder(InspectionTemplateEntity, 't')
    .select('MAX(t.version)', 'v')
    .where('t.code = :code', { code })
    .getRawOne<{ v: number | string | null }>()
  const version = Number(last?.v ?? 0) + 1
  const id = (await templates.insert({ code, version, name: input.name, createdAt: ctx.now.toISOString() }))
    .identifiers[0]!.id as number
  await m.getRepository(InspectionTemplateItemEntity).insert(
    input.items.map((item, i) => ({
      templateId: id,
      position: i + 1,
      section: item.section,
      text: item.text,
    })),
  )
  ctx.audit.change('template', id, null, { code, version, name: input.name, items: input.items })
  return (await listTemplates(m)).find((t) => t.id === id)!
}

/** The template a new inspection is made from: the one chosen, or the default's latest version. */
export async function templateFor(m: EntityManager, templateId: number | null): Promise<number> {
  const template = await m.getRepository(InspectionTemplateEntity).findOne({
    select: { id: true },
    where: templateId ? { id: templateId } : { code: DEFAULT_TEMPLATE },
    order: { version: 'DESC' },
  })
  if (!template) throw AppError.validation({ templateId: inspectionMsg.templateNotFound })
  return template.id
}

/** An inspection's checklist is a copy of its template version's items, so later edits never reach it. */
export async function copyChecklist(
  m: EntityManager,
  templateId: number,
  inspectionId: number,
): Promise<void> {
  const items = await m
    .getRepository(InspectionTemplateItemEntity)
    .find({ where: { templateId }, order: { position: 'ASC' } })
  if (!items.length) return
  await m
    .getRepository(InspectionItemEntity)
    .insert(items.map((i) => ({ inspectionId, position: i.position, section: i.section, text: i.text })))
}
