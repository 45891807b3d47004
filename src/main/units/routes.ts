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
  'units:create': (input, { m }) => createUnit(m, input),
  'units:update': (input, { m }) => updateUnit(m, input),
  'units:setActive': (input, { m }) => setUnitActive(m, input),
  'unitKinds:list': (_input, { m }) => listUnitKinds(m),
  'unitKinds:create': (input, { m }) => createUnitKind(m, input),
}
