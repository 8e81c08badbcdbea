/** `Port int \`env:"PORT"\``: unset in production, the field silently keeps its zero value (or a dev value). */
import { parseStructTag, TagPair, zeroDefaultFor } from './config-tags';
import { isTestHarness } from '../test-harness';
import { insertAt } from '../../engine/edits';
import { findAll, unalias } from '../../go/syntax';
import type { Resolver } from '../../go/resolver';
import { GoType, typeShape } from '../../go/types';
import type { SyntaxNode } from '../../go/parser';
import { defineFileRule, FileContext, FixDescriptor } from '../../engine/rule';
import type { SourceFile } from '../../go/source';

/** How each env library spells "default" and "required", which decides what a fix writes. */
type Dialect = 'caarlos0' | 'sethvargo' | 'cleanenv' | 'envconfig';

const messages = {
  noDefault: {
    en: 'Field {field} reads {name} from the environment with neither a default nor required: if it is unset the service starts with {zero}.',
    zh: '字段 {field} 从环境变量 {name} 读取，既没有默认值也没有标记为必填：变量缺失时服务会以 {zero} 启动。',
  },
  fixDefault: { en: 'Add an explicit default: {tag}', zh: '添加显式默认值：{tag}' },
  fixRequired: { en: 'Mark {name} as required: {tag}', zh: '将 {name} 标记为必填：{tag}' },
};

export const rule = defineFileRule({
  meta: {
    id: 'config-env-no-default',
    trap: 'config',
    severity: 'warning',
    fixable: true,
    description: {
      en: 'A struct field read from an environment variable has no default and is not required.',
      zh: '从环境变量读取的结构体字段既没有默认值，也没有标记为必填。',
    },
    why: {
      en: 'When the variable is missing from a deployment, the env library leaves the zero value (an empty DSN, a 0 timeout) or whatever a dev fallback supplies, and the service starts anyway. Either state the default or make startup fail.',
      zh: '部署时漏配了环境变量，env 库会保留零值(空 DSN、0 超时)或开发环境的兜底值，服务照样启动。要么写明默认值，要么让启动失败。',
    },
    messages,
  },
  check(context) {
    const { file } = context;
    // caarlos0/env's RequiredIfNoDef makes every field without a default required.
    if (isTestHarness(file, context.location, context.settings) || file.text.includes('RequiredIfNoDef')) return;
    if (!file.text.includes('env:"') && !file.text.includes('envconfig:"')) return;
    const dialect = dialectOf(file);
    // A variable the code also reads by name (`env.MustGet("DB_URI")`) is handled there, not through the tag.
    const readByName = new Set(findAll(file.root, 'interpreted_string_literal').map((n) => n.text.slice(1, -1)));
    for (const field of findAll(file.root, 'field_declaration')) {
      const tag = field.childForFieldName('tag');
      const type = field.childForFieldName('type');
      if (tag?.type !== 'raw_string_literal' || !type || tag.startPosition.row !== tag.endPosition.row) continue;
      // A pointer says "absent" by being nil; a nested struct (declared anywhere) is filled field by field.
      const resolved = context.types.typeOfTypeNode(type);
      if (type.type === 'pointer_type' || type.type === 'struct_type' || isStruct(context.types, resolved)) continue;
      const content = tag.text.slice(1, -1);
      const pairs = parseStructTag(content);
      const envconfig = pairs.find((p) => p.key === 'envconfig');
      const env = envconfig ?? pairs.find((p) => p.key === 'env');
      if (!env) continue;
      const [name, ...options] = env.value.split(',').map((s) => s.trim());
      if (!name || name === '-' || hasDefaultOrRequired(pairs, options) || readByName.has(name)) continue;
      const zero = zeroFor(context.types, resolved, type.text);
      const fieldName = field.childForFieldName('name')?.text ?? type.text;
      if (defaultedInCode(file, fieldName)) continue;
      context.report({
        node: tag,
        messageId: 'noDefault',
        data: { field: fieldName, name, zero: zero === '' ? '""' : zero },
        fixes: fixes(context, tag, env, envconfig ? 'envconfig' : dialect, zero, name),
      });
    }
  },
});

function isStruct(types: Resolver, type: GoType | null): boolean {
  const resolved = type ? unalias(types, type) : null;
  const decl = resolved ? types.typeDecl(resolved) : null;
  return !!decl && typeShape(decl.underlying).kind === 'struct';
}

/** The zero value as a tag default, by the field's resolved type: `Timeout stdtime.Duration` → 0s, `Port PortNumber` → 0. */
function zeroFor(types: Resolver, type: GoType | null, written: string): string {
  const resolved = type ? unalias(types, type) : null;
  if (!resolved) return zeroDefaultFor(written);
  if (resolved === '"time".Duration') return '0s';
  const underlying = types.underlying(resolved);
  return zeroDefaultFor(typeShape(underlying).kind === 'named' ? underlying.replace(/^"[^"]*"\./, '') : underlying);
}

/** `if c.Port == 0 { c.Port = 8080 }`: the default lives in code after parsing. */
function defaultedInCode(file: SourceFile, field: string): boolean {
  const compared = new RegExp(`\\.${field}\\s*==\\s*(0\\b|""|nil\\b|false\\b)`).test(file.text);
  return compared && new RegExp(`\\.${field}\\s*=[^=]`).test(file.text);
}

function dialectOf(file: SourceFile): Dialect {
  if (file.imports.some((s) => s.path.startsWith('github.com/sethvargo/go-envconfig'))) return 'sethvargo';
  if (file.imports.some((s) => s.path.startsWith('github.com/ilyakaznacheev/cleanenv'))) return 'cleanenv';
  return 'caarlos0';
}

/** Any spelling of a default or of "required" across caarlos0/env, sethvargo/go-envconfig, cleanenv, envconfig, validator. */
function hasDefaultOrRequired(pairs: TagPair[], options: string[]): boolean {
  const option = (o: string) => /^(required|notempty|default=|required=true)/i.test(o);
  if (options.some(option)) return true;
  for (const { key, value } of pairs) {
    if (key === 'envDefault' || key === 'env-default' || key === 'default') return true;
    if ((key === 'required' || key === 'env-required') && value !== 'false') return true;
    if (key === 'validate' && value.split(',').includes('required')) return true;
  }
  return false;
}

function fixes(context: FileContext, tag: SyntaxNode, env: TagPair, dialect: Dialect, zero: string, name: string): FixDescriptor[] {
  const at = (offset: number) => ({ line: tag.startPosition.row, character: tag.startPosition.column + 1 + offset });
  const afterPair = at(env.end);
  const beforeQuote = at(env.end - 1);
  const insert = (position: { line: number; character: number }, text: string) => [insertAt(context.file, position, text)];
  let withDefault;
  let required;
  switch (dialect) {
    case 'sethvargo':
      withDefault = { text: `,default=${zero}`, edits: insert(beforeQuote, `,default=${zero}`) };
      required = { text: ',required', edits: insert(beforeQuote, ',required') };
      break;
    case 'cleanenv':
      withDefault = { text: `env-default:"${zero}"`, edits: insert(afterPair, ` env-default:"${zero}"`) };
      required = { text: 'env-required:"true"', edits: insert(afterPair, ' env-required:"true"') };
      break;
    case 'envconfig':
      withDefault = { text: `default:"${zero}"`, edits: insert(afterPair, ` default:"${zero}"`) };
      required = { text: 'required:"true"', edits: insert(afterPair, ' required:"true"') };
      break;
    default:
      withDefault = { text: `envDefault:"${zero}"`, edits: insert(afterPair, ` envDefault:"${zero}"`) };
      required = { text: ',required', edits: insert(beforeQuote, ',required') };
  }
  // Both need a person: the default written is only the zero value made visible, and required may break a deploy.
  return [
    { title: { en: messages.fixDefault.en.replace('{tag}', withDefault.text), zh: messages.fixDefault.zh.replace('{tag}', withDefault.text) }, edits: withDefault.edits, safe: false },
    { title: { en: messages.fixRequired.en.replace('{tag}', required.text), zh: messages.fixRequired.zh.replace('{tag}', required.text) }, edits: required.edits, safe: false },
  ];
}
