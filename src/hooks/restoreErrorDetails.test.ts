import { APIError, type AfterErrorHookArgs, type PayloadRequest } from 'payload'
import { describe, expect, it } from 'vitest'

import { InvalidInputError } from '../errors.ts'
import { restoreErrorDetails } from './restoreErrorDetails.ts'

const hook = restoreErrorDetails()
const run = (error: Error, result: AfterErrorHookArgs['result']) =>
  hook({ context: {}, error, req: {} as PayloadRequest, result })

describe('error details in REST responses', () => {
  it('gives an Entraide refusal back its code and name when the response lost them', () => {
    const error = new InvalidInputError('"title" must be a string.', 'title')
    expect(run(error, { errors: [{ message: error.message }] })).toEqual({
      response: {
        errors: [
          { data: { code: 'invalid-input', field: 'title' }, message: error.message, name: 'InvalidInputError' },
        ],
      },
    })
  })

  it('gives a validation error back its list of fields', () => {
    const fields = [{ label: 'Title', message: 'This field is required.', path: 'title' }]
    const error = new APIError(
      'The following field is invalid: Title',
      400,
      { collection: 'threads', errors: fields },
      true,
    )
    expect(run(error, { errors: [{ message: error.message }] })).toEqual({
      response: {
        errors: [{ data: { collection: 'threads', errors: fields }, message: error.message, name: 'ValidationError' }],
      },
    })
  })

  it('keeps hidden what the server hid, and leaves complete responses alone', () => {
    const hidden = new APIError('SQLITE_BUSY at /srv/data/entraide.db', 500, { path: '/srv/data' }, false)
    expect(run(hidden, { errors: [{ message: 'Something went wrong.' }] })).toBeUndefined()
    const error = new InvalidInputError('"title" must be a string.', 'title')
    const complete = {
      errors: [{ data: { code: 'invalid-input' }, message: error.message, name: 'InvalidInputError' }],
    }
    expect(run(error, complete)).toBeUndefined()
    expect(run(new Error('plain'), { errors: [{ message: 'plain' }] })).toBeUndefined()
  })
})
