import path from 'node:path'
import { fileURLToPath } from 'node:url'

import ts from 'typescript'

// README's options table, generated from the documentation of the
// `EntraideOptions` type itself (each option's JSDoc and @default), so that
// the table and the code cannot drift apart: a test compares them.

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

type Row = { option: string; defaultValue: string; meaning: string }

/** Object types whose options are listed one by one (`moderation.reportsToHide`), not as a whole. */
const expandedTypes: ReadonlySet<string> = new Set([
  'EntraideOptions',
  'moderation',
  'personalData',
  'standing',
  'SearchOptions',
  'ReverificationOptions',
  'UsersOptions',
  'NotificationsOptions',
  'DigestsOptions',
  'PublicFiguresOptions',
  'ListeningDashboardOptions',
])

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim()

const tagText = (tag: ts.JSDocTagInfo): string => oneLine((tag.text ?? []).map((part) => part.text).join(''))

/** The rows of the options table, in the order the type declares them. */
export const optionsTableRows = (): Row[] => {
  const file = path.join(rootDir, 'src', 'options.ts')
  const program = ts.createProgram([file], { strict: true, target: ts.ScriptTarget.ES2022, allowImportingTsExtensions: true, noEmit: true })
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)
  if (!source) throw new Error('src/options.ts not found')
  const alias = source.statements.find(
    (statement): statement is ts.TypeAliasDeclaration =>
      ts.isTypeAliasDeclaration(statement) && statement.name.text === 'EntraideOptions',
  )
  if (!alias) throw new Error('EntraideOptions not found in src/options.ts')
  const rows: Row[] = []
  const walk = (type: ts.Type, prefix: string) => {
    for (const property of checker.getPropertiesOfType(type)) {
      const name = `${prefix}${property.getName()}`
      const declaration = property.valueDeclaration ?? property.declarations?.[0]
      if (!declaration) continue
      const propertyType = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration))
      const typeName = propertyType.aliasSymbol?.getName() ?? (ts.isPropertySignature(declaration) && declaration.type && ts.isTypeLiteralNode(declaration.type) ? property.getName() : '')
      if (expandedTypes.has(typeName)) {
        walk(propertyType, `${name}.`)
        continue
      }
      const tags = property.getJsDocTags(checker)
      const defaultTag = tags.find((tag) => tag.name === 'default')
      const meaning = oneLine(ts.displayPartsToString(property.getDocumentationComment(checker)))
      if (meaning === '') throw new Error(`Option ${name} has no documentation in src/options.ts.`)
      rows.push({ defaultValue: defaultTag ? tagText(defaultTag) : '—', meaning, option: name })
    }
  }
  walk(checker.getTypeAtLocation(alias.name), '')
  return rows
}

const cell = (text: string): string => text.replace(/\|/g, '\\|')

/** A default written as code (`'users'`, `() => null`) is shown as code; one written in words, as words. */
const defaultCell = (value: string): string => {
  if (value === '—') return value
  if (/^[a-z][a-z ,:'-]*[a-z]$/i.test(value) && value.includes(' ')) return cell(value)
  return value.includes('`') ? `\`\` ${cell(value)} \`\`` : `\`${cell(value)}\``
}

/** The options table as README shows it. */
export const renderOptionsTable = (): string =>
  [
    '| option | default | meaning |',
    '|---|---|---|',
    ...optionsTableRows().map(
      (row) => `| \`${row.option}\` | ${defaultCell(row.defaultValue)} | ${cell(row.meaning)} |`,
    ),
  ].join('\n')

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(renderOptionsTable())
}
