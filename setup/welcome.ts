import type { DemoAccount } from '../demo/accounts.ts'

/** Prints where the app is and how to sign in, once the demo content is in place. */
export const printWelcome = ({
  accounts,
  baseUrl,
  isFreshlySeeded,
}: {
  baseUrl: string
  accounts: readonly DemoAccount[]
  isFreshlySeeded: boolean
}): void => {
  const width = Math.max(...accounts.map((account) => account.email.length))
  const lines = [
    '',
    `Entraide is ready${isFreshlySeeded ? ' (demo content seeded)' : ''}:`,
    `  demo public-service website  ${baseUrl}/`,
    `  admin panel                  ${baseUrl}/admin`,
    `  REST API                     ${baseUrl}/api`,
    '',
    'Demo sign-ins:',
    ...accounts.map((account) => `  ${account.role.padEnd(8)} ${account.email.padEnd(width)}  ${account.password}`),
    '',
  ]
  console.log(lines.join('\n'))
}
