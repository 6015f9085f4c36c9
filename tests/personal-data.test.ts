import { describe, expect, it } from 'vitest'

import { describeFindings, previewFinding } from '../src/guard/describeFindings.ts'
import { detectPersonalData, maskPersonalData } from '../src/guard/personalData.ts'
import type { PersonalDataKind } from '../src/guard/personalDataKinds.ts'
import {
  buildPersonalDataCorpus,
  computeIbanCheckDigits,
  computeNirKey,
  computeTaxNumberKey,
} from './fixtures/personalDataCorpus.ts'

/** The identifiers found in a text, as `kind:text`, in reading order. */
function found(text: string): string[] {
  return detectPersonalData(text).map((finding) => `${finding.kind}:${finding.text}`)
}

describe('the labelled corpus', () => {
  const corpus = buildPersonalDataCorpus({ seed: 20_240_605, perKind: 1000, negativeCount: 5000 })

  it('computes keys that match published examples', () => {
    expect(computeNirKey('2951099126111')).toBe('93')
    expect(computeNirKey('253072B073004')).toBe('70')
    expect(computeNirKey('253072A073004')).toBe('43')
    expect(computeTaxNumberKey('3023217600')).toBe('053')
    expect(computeIbanCheckDigits('DE', '370400440532013000')).toBe('89')
  })

  it('finds at least 99.5 % of identifiers with a valid key and flags at most 0.5 % of clean sentences', () => {
    const perKind = new Map<PersonalDataKind, { hits: number; total: number }>()
    for (const labelled of corpus.positives) {
      const isFound = detectPersonalData(labelled.sentence).some(
        (finding) => finding.kind === labelled.kind && finding.start === labelled.start && finding.end === labelled.end,
      )
      const tally = perKind.get(labelled.kind) ?? { hits: 0, total: 0 }
      perKind.set(labelled.kind, { hits: tally.hits + (isFound ? 1 : 0), total: tally.total + 1 })
    }
    const flagged = corpus.negatives.filter((sentence) => detectPersonalData(sentence).length > 0)

    const hits = [...perKind.values()].reduce((sum, tally) => sum + tally.hits, 0)
    const recall = hits / corpus.positives.length
    const falsePositiveRate = flagged.length / corpus.negatives.length
    const percent = (value: number): string => `${(value * 100).toFixed(2)} %`
    const byKind = [...perKind].map(([kind, tally]) => `${kind} ${percent(tally.hits / tally.total)}`).join(', ')
    console.log(
      `personal-data guard: recall ${percent(recall)} (${hits}/${corpus.positives.length} identifiers; ${byKind}), ` +
        `false positives ${percent(falsePositiveRate)} (${flagged.length}/${corpus.negatives.length} clean sentences)`,
    )

    expect(recall).toBeGreaterThanOrEqual(0.995)
    for (const [kind, tally] of perKind) {
      expect(tally.hits / tally.total, kind).toBeGreaterThanOrEqual(0.99)
    }
    expect(falsePositiveRate).toBeLessThanOrEqual(0.005)
  })

  it('never returns overlapping findings, and returns them in reading order', () => {
    for (const labelled of corpus.positives) {
      const findings = detectPersonalData(`${labelled.sentence} ${labelled.sentence}`)
      for (let index = 1; index < findings.length; index++) {
        expect(findings[index]?.start).toBeGreaterThanOrEqual(findings[index - 1]?.end ?? 0)
      }
    }
  })

  it('leaves nothing detectable once a text is masked', () => {
    for (const labelled of corpus.positives) {
      const { maskedText, findings } = maskPersonalData(labelled.sentence)
      for (const finding of findings) {
        expect(maskedText).not.toContain(finding.text)
      }
      expect(found(maskedText), maskedText).toEqual([])
    }
  })
})

describe('social-security numbers (NIR)', () => {
  it('are found in every usual format', () => {
    expect(found('Mon numéro : 2 95 10 99 126 111 93.')).toEqual(['nir:2 95 10 99 126 111 93'])
    expect(found('NIR 295109912611193')).toEqual(['nir:295109912611193'])
    expect(found('NIR 2.95.10.99.126.111.93')).toEqual(['nir:2.95.10.99.126.111.93'])
    expect(found('NIR 2-95-10-99-126-111-93')).toEqual(['nir:2-95-10-99-126-111-93'])
    expect(found('NIR 2 95 10 99 126 111 - 93')).toEqual(['nir:2 95 10 99 126 111 - 93'])
    expect(found('NIR 2951099126111 93')).toEqual(['nir:2951099126111 93'])
  })

  it('handle Corsica with the official substitution (2A → 19, 2B → 18)', () => {
    expect(found('né à Bastia : 253072B07300470')).toEqual(['nir:253072B07300470'])
    expect(found('né à Ajaccio : 2 53 07 2A 073 004 43')).toEqual(['nir:2 53 07 2A 073 004 43'])
    // The key a naive 2A → 20 substitution would give is rejected.
    const naiveKey = String(97 - Number(BigInt('2530720073004') % 97n)).padStart(2, '0')
    expect(naiveKey).not.toBe('43')
    expect(found(`né à Ajaccio : 253072A073004${naiveKey}`)).toEqual([])
  })

  it('are ignored when the key, the month or the department is wrong and nothing names them', () => {
    expect(found('code 295109912611199')).toEqual([])
    const month13 = `2951399126111`
    expect(found(`code ${month13}${computeNirKey(month13)}`)).toEqual([])
    const department00 = `2951000126111`
    expect(found(`code ${department00}${computeNirKey(department00)}`)).toEqual([])
    expect(found('NIR 253072C07300443')).toEqual([])
  })

  it('are found whatever their key, or without it, when words name them', () => {
    expect(found('NIR 295109912611199')).toEqual(['nir:295109912611199'])
    expect(found('numéro de sécurité sociale : 1 85 05 78 006 084 12')).toEqual(['nir:1 85 05 78 006 084 12'])
    expect(found('Mon n° de sécu est le 2 95 10 99 126 111, sans la clé.')).toEqual(['nir:2 95 10 99 126 111'])
    expect(found('1 85 05 78 006 084 12 (ma carte Vitale)')).toEqual(['nir:1 85 05 78 006 084 12'])
    const [labelled] = detectPersonalData('NIR 295109912611199')
    expect(labelled?.isLabelledOnly).toBe(true)
    expect(detectPersonalData('NIR 295109912611193')[0]?.isLabelledOnly).toBeUndefined()
  })

  it('are ignored inside a longer number', () => {
    expect(found('code 12951099126111934')).toEqual([])
  })
})

describe('tax numbers', () => {
  it('are found compact or grouped, with their key', () => {
    expect(found('Numéro fiscal 30 23 217 600 053.')).toEqual(['tax-number:30 23 217 600 053'])
    expect(found('SPI 3023217600053')).toEqual(['tax-number:3023217600053'])
    expect(found('identifiant 0701987765493')).toEqual(['tax-number:0701987765493'])
  })

  it('are ignored with a wrong key when nothing names them, or a first digit above 3', () => {
    expect(found('Référence 3023217600054')).toEqual([])
    const first10 = '4023217600'
    expect(found(`Numéro fiscal ${first10}${computeTaxNumberKey(first10)}`)).toEqual([])
  })

  it('are found whatever their key when words name them', () => {
    expect(found('Numéro fiscal 3023217600054')).toEqual(['tax-number:3023217600054'])
    expect(found('N° fiscal : 30 23 217 600 054.')).toEqual(['tax-number:30 23 217 600 054'])
    expect(found('SPI 3023217600054')).toEqual(['tax-number:3023217600054'])
  })

  it('are not confused with SIRET numbers, cut through their groups', () => {
    expect(found('SIRET 732 829 320 00074 et 73282932000074')).toEqual([])
  })
})

describe('IBANs', () => {
  // Examples published in the ISO 13616 registry.
  const registryExamples = [
    'FR14 2004 1010 0505 0001 3M02 606',
    'DE89 3704 0044 0532 0130 00',
    'GB29 NWBK 6016 1331 9268 19',
    'BE68 5390 0754 7034',
    'CH93 0076 2011 6238 5295 7',
    'ES91 2100 0418 4502 0005 1332',
    'IT60 X054 2811 1010 0000 0123 456',
    'PT50 0002 0123 1234 5678 9015 4',
    'NL91 ABNA 0417 1643 00',
    'NO93 8601 1117 947',
    'MT84 MALT 0110 0001 2345 MTLC AST0 01S',
    'LC55 HEMM 0001 0001 0012 0012 0002 3015',
    'TN59 1000 6035 1835 9847 8831',
    'MR13 0002 0001 0100 0012 3456 753',
    'MC58 1122 2000 0101 2345 6789 030',
    'SA03 8000 0000 6080 1016 7519',
  ]

  it('are found for registered countries, printed or electronic, in any case', () => {
    for (const iban of registryExamples) {
      expect(found(`IBAN ${iban} merci`)).toEqual([`iban:${iban}`])
      const electronic = iban.replace(/ /g, '')
      expect(found(`iban:${electronic.toLowerCase()}.`)).toEqual([`iban:${electronic.toLowerCase()}`])
    }
  })

  it('end where the country says, even when a word follows', () => {
    expect(found('FR76 3000 6000 0112 3456 7890 189 pour le loyer')).toEqual(['iban:FR76 3000 6000 0112 3456 7890 189'])
  })

  it('are ignored when the check fails and nothing names them, or when the length is not the country’s', () => {
    expect(found('Virement vers FR14 2004 1010 0505 0001 3M02 607')).toEqual([])
    expect(found('Exemple : FR15 2004 1010 0505 0001 3M02 606')).toEqual([])
    expect(found('IBAN DE89 3704 0044 0532 0130 001')).toEqual([])
    expect(found('IBAN ZZ89 3704 0044 0532 0130 00')).toEqual([])
  })

  it('are found whatever their check digits when words name them', () => {
    expect(found('IBAN FR14 2004 1010 0505 0001 3M02 607')).toEqual(['iban:FR14 2004 1010 0505 0001 3M02 607'])
    expect(found('Mon RIB : FR1520041010050500013M02606')).toEqual(['iban:FR1520041010050500013M02606'])
    expect(found('DE89 3704 0044 0532 0130 01, mes coordonnées bancaires')).toEqual([
      'iban:DE89 3704 0044 0532 0130 01',
    ])
  })

  it('are not read across words', () => {
    // « de 90 9 donne droit au tarif » would otherwise spell 22 characters after « DE ».
    for (let value = 100; value < 1000; value++) {
      expect(found(`Le quotient familial de ${value} donne droit au tarif A.`)).toEqual([])
    }
  })
})

describe('phone numbers', () => {
  it('are found in all usual French formats', () => {
    for (const phone of [
      '06 12 34 56 78',
      '06 12-34.56 78',
      '06.12.34.56.78',
      '06-12-34-56-78',
      '0612345678',
      '06/12/34/56/78',
      '01 45 67 89 10',
      '09 72 12 34 56',
      '+33 6 12 34 56 78',
      '+33 (0)6 12 34 56 78',
      '+33612345678',
      '0033 6 12 34 56 78',
      '(+33) 6 12 34 56 78',
      '0692 12 34 56',
      '+262 692 12 34 56',
    ]) {
      expect(found(`Appelez-moi au ${phone}, merci.`)).toEqual([`phone:${phone}`])
    }
  })

  it('leave out service numbers, dates, times and short numbers', () => {
    expect(found('Numéro vert 0 800 123 456, service 08 06 00 02 45, ou le 3939.')).toEqual([])
    expect(found('Le 01.02.2023 12:30, puis le 01/02/2023.')).toEqual([])
    expect(found('Référence 061234567890123.')).toEqual([])
  })
})

describe('email addresses', () => {
  it('are found, accented or in capitals, without the final full stop', () => {
    expect(found('Écrivez à jean.dupont@orange.fr.')).toEqual(['email:jean.dupont@orange.fr'])
    expect(found('Contact : Chloé.Lefèvre+caf@mairie-exemple.gouv.fr')).toEqual([
      'email:Chloé.Lefèvre+caf@mairie-exemple.gouv.fr',
    ])
    expect(found('MARIE@LAPOSTE.NET')).toEqual(['email:MARIE@LAPOSTE.NET'])
  })

  it('are not confused with website names or social handles', () => {
    expect(found('Allez sur impots.gouv.fr ou suivez @ANTS_gouv.')).toEqual([])
  })
})

describe('passport and identity-card numbers', () => {
  it('find passport numbers on their own when written in capitals', () => {
    expect(found('Document 12AB34567 perdu.')).toEqual(['passport:12AB34567'])
    expect(found('Passeport : 12 AB 34567')).toEqual(['passport:12 AB 34567'])
  })

  it('need the word passport for lowercase ones', () => {
    expect(found('réf 12ab34567')).toEqual([])
    expect(found('mon passeport 12ab34567')).toEqual(['passport:12ab34567'])
  })

  it('find 2021 identity cards only when the card is named', () => {
    expect(found("Ma carte d'identité n° X4RTBPFW4 a été volée.")).toEqual(['identity-card:X4RTBPFW4'])
    expect(found('CNI : ABCDEFGHJ')).toEqual(['identity-card:ABCDEFGHJ'])
    expect(found('Référence X4RTBPFW4 envoyée.')).toEqual([])
    expect(found("CARTE NATIONALE D'IDENTITÉ : RENOUVELLEMENT")).toEqual([])
  })

  it('find older 12-digit identity cards only when the card is named', () => {
    expect(found('ancienne CNI 880692310285')).toEqual(['identity-card:880692310285'])
    expect(found('commande 880692310285')).toEqual([])
    expect(found('ancienne CNI 881392310285')).toEqual([])
  })

  it('leave numbers introduced as another reference alone', () => {
    expect(found("Pour ma carte d'identité, rendez-vous n° AB1234567 le 12/03.")).toEqual([])
    expect(found('Passeport : réservation 12AB34567 au guichet 3.')).toEqual([])
  })

  it('let the nearer document name decide when both are named', () => {
    expect(found("Passeport 12AB34567 et carte d'identité X4RTBPFW4")).toEqual([
      'passport:12AB34567',
      'identity-card:X4RTBPFW4',
    ])
  })
})

describe('CAF claimant numbers', () => {
  it('are found when the CAF or the claimant is named, with or without a key letter', () => {
    expect(found("Mon numéro d'allocataire est 1234567.")).toEqual(['caf-number:1234567'])
    expect(found('N° CAF : 1234567 K')).toEqual(['caf-number:1234567 K'])
  })

  it('are ignored without those words, and amounts are never taken', () => {
    expect(found('Commande 1234567 expédiée.')).toEqual([])
    expect(found('La CAF gère 1234567 € de prestations.')).toEqual([])
    expect(found('La CAF a versé des aides à 1234567 foyers.')).toEqual([])
    expect(found('En 2023, la CAF comptait 1234567 allocataires.')).toEqual([])
  })
})

describe('detection options and robustness', () => {
  it('looks only for the kinds asked for', () => {
    const text = 'Tél 06 12 34 56 78, mail jean@orange.fr'
    expect(detectPersonalData(text, { kinds: ['email'] }).map((finding) => finding.kind)).toEqual(['email'])
  })

  it('prefers the longer, more specific identifier when two overlap', () => {
    // The digits of this IBAN also hold a NIR-shaped and a phone-shaped run.
    expect(found('IBAN FR76 3000 6000 0112 3456 7890 189')).toEqual(['iban:FR76 3000 6000 0112 3456 7890 189'])
  })

  it('labels findings in French and English', () => {
    const [finding] = detectPersonalData('NIR 2 95 10 99 126 111 93')
    expect(finding?.label).toEqual({ fr: 'numéro de sécurité sociale', en: 'social security number' })
  })

  it('answers quickly on hostile input', () => {
    const hostile = [
      '1 2 3 4 5 6 7 8 9 0 '.repeat(10_000),
      'a.'.repeat(50_000),
      `${'aaaa.'.repeat(10_000)}@${'b.'.repeat(10_000)}`,
      'ABCDEFGH1 '.repeat(10_000),
      'FR76 '.repeat(20_000),
    ]
    for (const text of hostile) {
      const startedAt = performance.now()
      detectPersonalData(text)
      expect(performance.now() - startedAt).toBeLessThan(2000)
    }
  })
})

describe('masking', () => {
  it('keeps just enough to recognise each identifier', () => {
    expect(maskPersonalData('IBAN FR76 3000 6000 0112 3456 7890 189 merci').maskedText).toBe('IBAN FR76 •••• •••• … merci')
    expect(maskPersonalData('Tél. 06 12 34 56 78').maskedText).toBe('Tél. 06 •• •• •• ••')
    expect(maskPersonalData('Tél. +33 (0)6 12 34 56 78').maskedText).toBe('Tél. +33 (0)6 •• •• •• ••')
    expect(maskPersonalData('Mail jean.dupont@orange.fr.').maskedText).toBe('Mail j•••@•••.fr.')
    expect(maskPersonalData('NIR 2 95 10 99 126 111 93').maskedText).toBe('NIR • •• •• •• ••• ••• ••')
  })

  it('returns the text unchanged, with no findings, when there is nothing to mask', () => {
    const text = 'Le cerfa 12100*02 coûte 1 234,56 € le 12/03/2024.'
    expect(maskPersonalData(text)).toEqual({ maskedText: text, findings: [] })
  })
})

describe('messages to the author', () => {
  const nbsp = '\u00a0'

  it('name one identifier and quote its beginning', () => {
    const findings = detectPersonalData('Mon numéro est le 1 85 05 78 006 084 91 merci')
    expect(describeFindings(findings, 'fr')).toBe(
      `Votre message contient un numéro de sécurité sociale («${nbsp}1 85 05 …${nbsp}»)${nbsp}: retirez-le avant de publier.`,
    )
    expect(describeFindings(findings, 'en')).toBe(
      'Your message contains a social security number ("1 85 05 …"): remove it before publishing.',
    )
  })

  it('agree in gender in French', () => {
    const findings = detectPersonalData('écrivez à jean.dupont@orange.fr')
    expect(describeFindings(findings, 'fr')).toContain('une adresse e-mail')
    expect(describeFindings(findings, 'fr')).toContain('retirez-la')
  })

  it('group several identifiers by kind', () => {
    const text = 'Tél 06 12 34 56 78 ou 07 98 76 54 32, IBAN FR76 3000 6000 0112 3456 7890 189'
    const message = describeFindings(detectPersonalData(text), 'fr')
    expect(message).toBe(
      `Votre message contient des données personnelles${nbsp}: 2 numéros de téléphone («${nbsp}06 12 …${nbsp}», «${nbsp}07 98 …${nbsp}») ` +
        `et un IBAN (coordonnées bancaires) («${nbsp}FR76 3000 …${nbsp}»). Retirez-les avant de publier.`,
    )
    expect(describeFindings(detectPersonalData(text), 'en')).toBe(
      'Your message contains personal data: 2 phone numbers ("06 12 …", "07 98 …") and an IBAN (bank account number) ("FR76 3000 …"). Remove them before publishing.',
    )
  })

  it('cut long lists and say nothing when nothing was found', () => {
    const phones = ['01 11 11 11 11', '02 22 22 22 22', '03 33 33 33 33', '04 44 44 44 44', '05 55 55 55 55']
    expect(describeFindings(detectPersonalData(phones.join(', ')), 'en')).toContain('5 phone numbers (')
    expect(describeFindings(detectPersonalData(phones.join(', ')), 'en')).toContain('"03 33 …", …)')
    expect(describeFindings([], 'fr')).toBe('')
  })

  it('quote a third of an identifier, between 3 and 8 characters', () => {
    expect(previewFinding({ text: '1 85 05 78 006 084 91' })).toBe('1 85 05 …')
    expect(previewFinding({ text: 'FR7630006000011234567890189' })).toBe('FR763000…')
    expect(previewFinding({ text: '1234567' })).toBe('123…')
  })
})
