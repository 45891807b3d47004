import type { Handlers } from '../core/router'
import {
  createUnit,
  createUnitKind,
  getUnit,
  listUnitKinds,
  listUnits,
  setUnitActive,
  unitOptions,
  updateUnit,
} from './service'

type UnitHandlers = Pick<
  Handlers,
  (`units:${string}` & keyof Handlers) | (`unitKinds:${string}` & keyof Handlers)
>

export const unitHandlers: UnitHandlers = {
  'units:list': (q, { m }) => listUnits(m, q),
  'units:get': ({ id }, { m }) => getUnit(m, id),
  'units:options': (q, { m }) => unitOptions(m, q),
  'units:create': async (input, { m, audit }) => {
    const unit = await createUnit(m, input)
    audit.change('unit', unit.id, null, unit)
    return unit
  },
  'units:update': async (input, { m, audit }) => {
    const before = await getUnit(m, input.id)
    const unit = await updateUnit(m, input)
    audit.change('unit', unit.id, before, unit)
    return unit
  },
  'units:setActive': async (input, { m, audit }) => {
    const before = await getUnit(m, input.id)
    const unit = await setUnitActive(m, input)
    audit.change('unit', unit.id, before, unit)
    return unit
  },
  'unitKinds:list': (_input, { m }) => listUnitKinds(m),
  'unitKinds:create': async (input, { m, audit }) => {
    const kind = await createUnitKind(m, input)
    audit.change('unitKind', kind.code, null, kind)
    return kind
  },
}
