/**
 * Reads a command's zod args schema as a list of options: name, kind, required, choices,
 * description. Used by the parser, /help, Discord registration and the Slack manifest.
 */
import type { z } from 'zod';
import type { ArgsSchema } from './command.js';

export type OptionKind = 'string' | 'number' | 'integer' | 'boolean';

export interface OptionInfo {
  name: string;
  kind: OptionKind;
  required: boolean;
  description: string;
  choices?: string[];
  min?: number;
  /** The minimum itself is not allowed (`.positive()`). */
  minExclusive?: boolean;
  max?: number;
  defaultValue?: unknown;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string>;
  checks?: { _zod: { def: { check: string; value?: number; inclusive?: boolean; format?: string } } }[];
  format?: string;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

export function describeOptions(args: ArgsSchema): OptionInfo[] {
  return Object.entries(args.shape as Record<string, z.ZodType>).map(([name, field]) => describeOne(name, field));
}

function describeOne(name: string, field: z.ZodType): OptionInfo {
  let schema = field;
  let required = true;
  let defaultValue: unknown;
  const description = field.description ?? '';
  for (;;) {
    const def = defOf(schema);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable') {
      required = false;
      if (def.type === 'default') defaultValue = typeof def.defaultValue === 'function' ? undefined : def.defaultValue;
      schema = def.innerType as z.ZodType;
      continue;
    }
    break;
  }
  const def = defOf(schema);
  const info: OptionInfo = { name, kind: 'string', required, description: description || (schema.description ?? ''), defaultValue };
  if (def.type === 'number') {
    info.kind = def.format === 'safeint' || def.checks?.some((c) => c._zod.def.format === 'safeint') ? 'integer' : 'number';
    for (const c of def.checks ?? []) {
      const d = c._zod.def;
      if (d.check === 'greater_than' && typeof d.value === 'number') {
        info.min = d.value;
        if (d.inclusive === false) info.minExclusive = true;
      }
      if (d.check === 'less_than' && typeof d.value === 'number') info.max = d.value;
    }
  } else if (def.type === 'boolean') {
    info.kind = 'boolean';
  } else if (def.type === 'enum') {
    info.choices = Object.values(def.entries ?? {});
  }
  return info;
}
