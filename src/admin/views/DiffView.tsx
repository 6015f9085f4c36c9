import type { EntraideT } from '../../translations/i18n.ts'
import type { DiffLine } from '../textDiff.ts'

/** A plain-text diff: removed text struck through, added text underlined, both labelled for screen readers. */
export const DiffView = ({ lines, t }: { lines: DiffLine[]; t: EntraideT }) => (
  <div className="entraide-diff">
    {lines.map((line, index) => {
      const key = `${line.kind}-${index}`
      if (line.kind === 'skipped') {
        return (
          <p className="entraide-diff__skipped" key={key}>
            {t('entraide:diffSkipped', { count: line.count })}
          </p>
        )
      }
      if (line.kind === 'changed') {
        return (
          <p className="entraide-diff__line entraide-diff__line--changed" key={key}>
            {line.parts.map((part, partIndex) =>
              part.kind === 'same' ? (
                <span key={partIndex}>{part.text}</span>
              ) : part.kind === 'added' ? (
                <ins aria-label={t('entraide:diffAdded', { text: part.text })} key={partIndex}>
                  {part.text}
                </ins>
              ) : (
                <del aria-label={t('entraide:diffRemoved', { text: part.text })} key={partIndex}>
                  {part.text}
                </del>
              ),
            )}
          </p>
        )
      }
      if (line.kind === 'same') {
        return (
          <p className="entraide-diff__line" key={key}>
            {line.text}
          </p>
        )
      }
      return (
        <p className={`entraide-diff__line entraide-diff__line--${line.kind}`} key={key}>
          {line.kind === 'added' ? <ins>{line.text}</ins> : <del>{line.text}</del>}
        </p>
      )
    })}
  </div>
)
