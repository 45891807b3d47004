import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { contract } from '@shared/contract'
import type { RouteName, RouteSpec } from '@shared/contract'
import { tempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { valid } from '../helpers/route-samples'

/**
 * Hostile input for every route in the contract: whatever the renderer (or anything that
 * reaches the transport) sends, a payload the schema refuses comes back as a validation error,
 * as data, and nothing is written. New routes are picked up from the contract itself.
 */

const routeNames = Object.keys(contract) as RouteName[]
const RUNS_PER_ROUTE = 300
/** Compare the whole database every this many cases, besides before and after each route. */
const FINGERPRINT_EVERY = 60
const BIG = 100_000

// ---------------------------------------------------------------------------------------------
// Junk

const NASTY_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '😷🦠💉',
  '👨‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0302\u0303\u0304\u0305',
  'Z̴̡̪͈ả̷l̸g̶ơ̵',
  '\u202Eabc\u202C',
  'مرحبا بالعالم',
  'שלום עולם',
  '\uFEFF\u200B\u200D',
  '\uD800',
  '\uDFFFx',
  "'; DROP TABLE units; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  "Robert'); DROP TABLE users;--",
  '1; DELETE FROM audit_entries',
  '%',
  '_',
  '\\',
  '../../etc/passwd',
  '${process.exit(1)}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'NaN',
  'null',
  '1e309',
  '-0',
  'Sở Tư pháp',
]

const POLLUTION_JSON = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}',
  '[{"__proto__":{"polluted":"yes"}}]',
  '{"a":{"__proto__":{"polluted":"yes"}}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
  '{"__proto__":[1,2,3]}',
  '{"__proto__":null}',
]

const hugeString = fc
  .constantFrom('x', 'ệ', '😷', '\u0000', "'; DROP TABLE units; --", 'e\u0301', '\u202E')
  .map((s) => s.repeat(Math.ceil(BIG / s.length)))

const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_TEXT), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme' }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary' }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme-composite' }), weight: 1 },
  { arbitrary: hugeString, weight: 1 },
)

const pollution: fc.Arbitrary<unknown> = fc.constantFrom(...POLLUTION_JSON).map((s) => JSON.parse(s))

const deep: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 20, max: 1_500 }), fc.boolean())
  .map(([depth, asArray]) => {
    let value: unknown = 'đáy'
    for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value }
    return value
  })

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    0,
    -1,
    1.5,
    2 ** 53 + 2,
    Number.MIN_VALUE,
    true,
    false,
    null,
    undefined,
  ),
  fc.bigInt(),
  fc.date({ noInvalidDate: false }),
  text,
)

const exotic: fc.Arbitrary<unknown> = fc
  .constantFrom<() => unknown>(
    () => Symbol('lạ'),
    () => () => 'hàm',
    () => new Map([['id', 1]]),
    () => new Set([1]),
    () => /regex/g,
    () => new Uint8Array([1, 2, 3]),
    () => Object.create(null),
    () => Object.assign(Object.create(null), { id: 1 }),
    () => new Error('lỗi'),
    () => Promise.resolve({ id: 1 }),
    () => new String('hộp'),
    () => new Number(1),
    () => new Array(1),
    () => ({ length: 1, 0: 'x' }),
    () => ({ toString: 'không phải hàm', valueOf: 42 }),
  )
  .map((make) => make())

const junk: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: scalar, weight: 6 },
  { arbitrary: pollution, weight: 2 },
  { arbitrary: deep, weight: 1 },
  { arbitrary: exotic, weight: 1 },
  { arbitrary: fc.array(scalar, { maxLength: 5 }), weight: 2 },
  {
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withTypedArray: true,
      withSparseArray: true,
      withUnicodeString: true,
    }),
    weight: 3,
  },
)

// ---------------------------------------------------------------------------------------------
// Near-valid payloads: a valid sample with one field broken

interface ZodLike {
  shape?: Record<string, unknown>
  _zod?: { def?: { innerType?: ZodLike; in?: ZodLike } }
}

/** The field names of an object schema, through defaults, pipes and refinements. */
function shapeKeys(schema: ZodLike | undefined, depth = 0): string[] {
  if (!schema || depth > 5) return []
  if (schema.shape) return Object.keys(schema.shape)
  const def = schema._zod?.def
  return shapeKeys(def?.innerType ?? def?.in, depth + 1)
}

function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  // defineProperty, so `__proto__` becomes an own key as JSON.parse would make it.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  return target
}

function nearValid(name: RouteName): fc.Arbitrary<unknown> {
  const sample = valid[name] as Record<string, unknown>
  const keys = [...new Set([...Object.keys(sample), ...shapeKeys(contract[name].input as ZodLike)])]
  const extraKey = fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'id'),
    fc.string(),
  )
  const withExtra = fc.tuple(extraKey, junk).map(([key, value]) => withOwn({ ...sample }, key, value))
  if (!keys.length) return withExtra
  const key = fc.constantFrom(...keys)
  return fc.oneof(
    { arbitrary: fc.tuple(key, junk).map(([k, v]) => ({ ...sample, [k]: v })), weight: 6 },
    { arbitrary: fc.tuple(key, text).map(([k, v]) => ({ ...sample, [k]: v })), weight: 2 },
    {
      arbitrary: fc
        .tuple(key, junk, key, junk)
        .map(([k1, v1, k2, v2]) => ({ ...sample, [k1]: v1, [k2]: v2 })),
      weight: 2,
    },
    {
      arbitrary: key.map((k) => {
        const copy = { ...sample }
        delete copy[k]
        return copy
      }),
      weight: 1,
    },
    {
      // One field broken and prototype-pollution keys alongside the good ones.
      arbitrary: fc
        .tuple(key, junk, fc.subarray(['__proto__', 'constructor', 'prototype'], { minLength: 1 }))
        .map(([k, v, evil]) => {
          const payload: Record<string, unknown> = { ...sample, [k]: v }
          for (const e of evil)
            withOwn(payload, e, e === '__proto__' ? { polluted: 'yes' } : { prototype: { polluted: 'yes' } })
          return payload
        }),
      weight: 2,
    },
    { arbitrary: withExtra, weight: 1 },
  )
}

function payloads(name: RouteName): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: junk, weight: 2 },
    { arbitrary: fc.array(junk, { maxLength: 4 }), weight: 1 },
    { arbitrary: nearValid(name), weight: 4 },
  )
}

// ---------------------------------------------------------------------------------------------

const VIETNAMESE = /[à-ỹ]/
const builtins = [Object.prototype, Array.prototype, Function.prototype, String.prototype]
const prototypeKeys = () => builtins.map((p) => Reflect.ownKeys(p).map(String).sort())
const pristine = prototypeKeys()

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined()
  expect(prototypeKeys()).toEqual(pristine)
  expect(Object.getPrototypeOf({})).toBe(Object.prototype)
}

let cases = 0

describe('fuzzing every route with input its schema refuses', () => {
  afterAll(() => {
    console.log(`FUZZ cases ${cases}`)
  })

  it.each(routeNames)(
    '%s answers validation errors as data and writes nothing',
    async (name) => {
      const app = await tempApp()
      await app.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
      const spec: RouteSpec = contract[name]
      const before = await databaseFingerprint(app.dataSource)
      let run = 0

      await fc.assert(
        fc.asyncProperty(payloads(name), async (payload) => {
          fc.pre(!spec.input.safeParse(payload ?? {}).success)
          run++
          cases++
          const result = await app.router.dispatch(name, payload, app.session)
          expect(result.ok).toBe(false)
          if (result.ok) return
          const { error } = result
          expect(Object.keys(error).sort()).toEqual(['code', 'fieldErrors', 'message'])
          expect(error.code).toBe('validation')
          expect(typeof error.message).toBe('string')
          expect(error.message).toMatch(VIETNAMESE)
          expect(Object.getPrototypeOf(error.fieldErrors)).toBe(Object.prototype)
          const messages = Object.values(error.fieldErrors)
          expect(messages.length).toBeGreaterThan(0)
          for (const message of messages) {
            expect(typeof message).toBe('string')
            expect(message).toMatch(VIETNAMESE)
          }
          // What crosses IPC/HTTP must survive JSON.
          expect(JSON.parse(JSON.stringify(result))).toEqual(result)
          expectNoPollution()
          if (run % FINGERPRINT_EVERY === 0) expect(await databaseFingerprint(app.dataSource)).toEqual(before)
        }),
        { numRuns: RUNS_PER_ROUTE },
      )

      expect(run).toBeGreaterThanOrEqual(RUNS_PER_ROUTE)
      expect(await databaseFingerprint(app.dataSource)).toEqual(before)
      expectNoPollution()
    },
    60_000,
  )
})
