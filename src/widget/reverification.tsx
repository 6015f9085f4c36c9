import { useWidget } from './context.ts'
import { formatDate } from './strings.ts'
import type { ProcedureChangeInfo, Reverification } from './types.ts'

/** Each change of the procedure as one sentence, in the reader's language. */
const useChangeLines = () => {
  const { lang, t } = useWidget()
  return (change: ProcedureChangeInfo): string[] => {
    if (change.field === 'steps') {
      return change.steps.map((step) => {
        if (step.kind === 'added') return t.reverifyStepAdded(step.number, step.title)
        if (step.kind === 'removed') return t.reverifyStepRemoved(step.number, step.title)
        if (step.kind === 'moved') return t.reverifyStepMoved(step.number, step.previousNumber ?? step.number, step.title)
        return t.reverifyStepChanged(step.number, step.title, step.previousTitle ?? null)
      })
    }
    if (change.field === 'requiredDocuments') return [t.reverifyDocuments(change.added, change.removed)]
    const shown = (value: string | null): string | null =>
      change.field === 'lastOfficialChange' && value !== null ? formatDate(value, lang) || value : value
    return [t.reverifyField(change.field, shown(change.before), shown(change.after))]
  }
}

/**
 * Says plainly that an item waits for an agent to re-verify it, why, and
 * what changed in the procedure since it was checked; nothing when it does not wait.
 */
export const ReverifyNotice = ({ reverification }: { reverification: Reverification | null | undefined }) => {
  const { t } = useWidget()
  const changeLines = useChangeLines()
  if (!reverification) return null
  const lines = reverification.changes.flatMap(changeLines)
  return (
    <div className="ew-meta ew-reverify">
      <p>
        <span className="ew-badge ew-badge--pending">{t.reverifyBadge}</span>{' '}
        {reverification.reason === 'expired' ? t.reverifyExpired : t.reverifyProcedureChanged}
      </p>
      {lines.length > 0 && (
        <>
          <p>{t.reverifyWhatChanged}</p>
          <ul>
            {lines.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
